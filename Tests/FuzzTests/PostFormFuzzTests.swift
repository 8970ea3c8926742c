import Foundation
import NIOCore
import PropertyBased
import Testing

@testable import S3API

/// The POST upload's `multipart/form-data` reader: mutated bodies in random chunkings end in a form or an `S3Error`
/// (never a crash, never a hang), and any file content, however it is cut into chunks, comes back byte for byte.
@Suite("Fuzz: POST upload forms")
struct PostFormFuzzTests {
    static let boundary = "fuzzBoundary"

    static func body(fields: [(String, String)], file: [UInt8]) -> [UInt8] {
        var text = ""
        for (name, value) in fields {
            text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
        }
        text += "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f\"\r\n\r\n"
        return Array(text.utf8) + file + Array("\r\n--\(boundary)--\r\n".utf8)
    }

    /// Reads a whole form from `bytes` cut into chunks of `chunkSize`.
    static func read(_ bytes: [UInt8], chunkSize: Int) async throws -> (PostForm, [UInt8]) {
        let chunks = stride(from: 0, to: bytes.count, by: chunkSize).map {
            ByteBuffer(bytes: bytes[$0..<min($0 + chunkSize, bytes.count)])
        }
        var reader = PostFormReader(base: Chunks(chunks: chunks), boundary: boundary)
        let form = try await reader.readFields()
        var file: [UInt8] = []
        while let chunk = try await reader.nextFileChunk() { file += chunk.readableBytesView }
        return (form, file)
    }

    @Test func mutatedBodiesGiveAFormOrAnS3Error() async {
        let seeds = [
            String(
                decoding: Self.body(
                    fields: [("key", "a/${filename}"), ("policy", "e30=")], file: Array("x\r\n--y".utf8)), as: UTF8.self
            ),
            "--\(Self.boundary)\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n\r\n--\(Self.boundary)--",
        ]
        await propertyCheck(count: Fuzz.count, input: Gen.mutations(of: seeds), Gen.int(in: 1...64)) {
            bytes, chunkSize in
            let start = ContinuousClock.now
            do {
                _ = try await Self.read(bytes, chunkSize: chunkSize)
            } catch {
                #expect(error is S3Error, "\(error) on \(Fuzz.describe(bytes))")
            }
            #expect(ContinuousClock.now - start < Fuzz.bound, "slow on \(Fuzz.describe(bytes))")
        }
    }

    @Test func anyFileContentInAnyChunkingRoundTrips() async throws {
        let seeds = ["\r\n--fuzzBoundar", "--\r\n\r\n", "\r\r\n\n-", String(repeating: "ab\r\n", count: 50)]
        await propertyCheck(
            count: Fuzz.count, input: Gen.mutations(of: seeds), Gen.mutatedStrings(of: ["v", "a b", "ü"]),
            Gen.int(in: 1...97)
        ) { file, value, chunkSize in
            let delimiter = Array("\r\n--\(Self.boundary)".utf8)
            let cut = (file + [13, 10]).windows(delimiter.count).contains { $0.elementsEqual(delimiter) }
            guard value.utf8.count < 10_000, !value.contains("\r\n--"), !cut else { return }
            let bytes = Self.body(fields: [("key", "k"), ("x-amz-meta-v", value)], file: file)
            let (form, read) = try await Self.read(bytes, chunkSize: chunkSize)
            #expect(read == file)
            #expect(form["x-amz-meta-v"] == value && form["key"] == "k")
        }
    }
}

/// Hands out prepared chunks, as a request body would.
struct Chunks: AsyncIteratorProtocol {
    var chunks: [ByteBuffer]

    mutating func next() async throws -> ByteBuffer? {
        chunks.isEmpty ? nil : chunks.removeFirst()
    }
}

extension Array where Element == UInt8 {
    /// Every run of `size` consecutive bytes.
    func windows(_ size: Int) -> [ArraySlice<UInt8>] {
        count < size ? [] : (0...(count - size)).map { self[$0..<$0 + size] }
    }
}
