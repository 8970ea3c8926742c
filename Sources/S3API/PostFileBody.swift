import NIOCore

/// The file part of a POST upload as the object store reads it: streamed from the form reader, its size held to
/// the policy's `content-length-range` while it streams.
///
/// Too large: `EntityTooLarge` as soon as the limit is passed; too small: `EntityTooSmall` at the end. Either way the
/// store sees a failed body and commits nothing.
struct PostFileBody<Base: AsyncIteratorProtocol>: AsyncSequence where Base.Element == ByteBuffer {
    typealias Element = ByteBuffer

    let reader: PostFormReader<Base>
    /// The sizes the policy allows, nil for any.
    let range: ClosedRange<Int64>?

    func makeAsyncIterator() -> Iterator {
        Iterator(reader: reader, range: range)
    }

    /// Iterates the file's bytes.
    struct Iterator: AsyncIteratorProtocol {
        var reader: PostFormReader<Base>
        let range: ClosedRange<Int64>?
        var size: Int64 = 0

        mutating func next() async throws -> ByteBuffer? {
            guard let chunk = try await reader.nextFileChunk() else {
                if let range, size < range.lowerBound {
                    throw S3Error.entityTooSmall(min: range.lowerBound, proposed: size)
                }
                return nil
            }
            size += Int64(chunk.readableBytes)
            if let range, size > range.upperBound {
                throw S3Error.entityTooLarge(max: range.upperBound, proposed: size)
            }
            return chunk
        }
    }
}
