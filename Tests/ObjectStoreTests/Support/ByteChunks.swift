import NIOCore

/// A request body: `bytes` delivered in chunks of `chunkSize`, optionally failing after `failAfter` chunks.
struct ByteChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer

    struct InjectedFailure: Error {}

    let bytes: [UInt8]
    var chunkSize = 4096
    var failAfter: Int?

    func makeAsyncIterator() -> Iterator {
        Iterator(bytes: bytes, chunkSize: chunkSize, failAfter: failAfter)
    }

    struct Iterator: AsyncIteratorProtocol {
        let bytes: [UInt8]
        let chunkSize: Int
        let failAfter: Int?
        var offset = 0
        var delivered = 0

        mutating func next() async throws -> ByteBuffer? {
            if let failAfter, delivered == failAfter { throw InjectedFailure() }
            guard offset < bytes.count else { return nil }
            let end = Swift.min(bytes.count, offset + chunkSize)
            defer {
                offset = end
                delivered += 1
            }
            return ByteBuffer(bytes: bytes[offset..<end])
        }
    }
}

/// Deterministic test bytes: a simple pattern seeded per object so objects differ.
func testBytes(_ count: Int, seed: UInt8 = 1) -> [UInt8] {
    var state = UInt32(seed) &* 2_654_435_761 | 1
    return (0..<count).map { _ in
        state ^= state << 13
        state ^= state >> 17
        state ^= state << 5
        return UInt8(truncatingIfNeeded: state)
    }
}
