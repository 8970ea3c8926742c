import Foundation
import NIOCore
import S3BlobClient
import TestSupport
import Testing

extension S3Conformance {
    // MARK: Multipart

    static func multipartOfTwoFullPartsAndASmallOne(_ backend: S3Backend) async throws {
        let client = try await backend.freshClient()
        let parts = [pattern(5 << 20, seed: 1), pattern(5 << 20, seed: 2), pattern(1000, seed: 3)]
        let uploadId = try await client.createMultipartUpload(key: "big")
        #expect(!uploadId.isEmpty)
        var etags: [(number: Int, etag: String)] = []
        for (index, part) in parts.enumerated() {
            let etag = try await client.uploadPart(key: "big", uploadId: uploadId, partNumber: index + 1, body: part)
            etags.append((index + 1, etag))
        }
        try await client.completeMultipartUpload(key: "big", uploadId: uploadId, parts: etags)

        var expected = ByteBuffer()
        for part in parts { expected.writeImmutableBuffer(part) }
        let object = try #require(try await client.get(key: "big", maxBytes: 11 << 20))
        #expect(ByteBuffer(bytes: object.bytes) == expected)
        #expect(object.size == Int64(expected.readableBytes))
        // A range across the boundary of parts 1 and 2.
        let boundary = Int64(5 << 20)
        let across = try #require(try await client.get(key: "big", range: (boundary - 4)...(boundary + 3)))
        #expect(ByteBuffer(bytes: across.bytes) == expected.getSlice(at: Int(boundary) - 4, length: 8))
    }

    static func abortedUploadTakesNoMoreParts(_ backend: S3Backend) async throws {
        let client = try await backend.freshClient()
        let uploadId = try await client.createMultipartUpload(key: "abandoned")
        _ = try await client.uploadPart(key: "abandoned", uploadId: uploadId, partNumber: 1, body: pattern(1000))
        try await client.abortMultipartUpload(key: "abandoned", uploadId: uploadId)

        let error = await #expect(throws: S3BlobClientError.self) {
            _ = try await client.uploadPart(key: "abandoned", uploadId: uploadId, partNumber: 2, body: pattern(10))
        }
        #expect(error?.status == 404, "\(String(describing: error))")
        #expect(error?.code == "NoSuchUpload", "\(String(describing: error))")
        #expect(try await client.head(key: "abandoned") == nil)
        // Aborting an upload that is gone counts as aborted.
        try await client.abortMultipartUpload(key: "abandoned", uploadId: uploadId)
    }

    // MARK: Listing and keys

    static func listPagesWithoutThePrefix(_ backend: S3Backend) async throws {
        let client = try await backend.freshClient(prefix: "nodes/a")
        let neighbour = backend.client(bucket: client.bucket, prefix: "nodes/ab")
        let keys = (0..<7).map { "listed/\($0)" }
        for (index, key) in keys.enumerated() { try await client.put(key: key, body: pattern(index + 1)) }
        try await client.put(key: "other/x", body: pattern(1))
        try await neighbour.put(key: "listed/neighbour", body: pattern(1))

        var pages: [[(key: String, size: Int64, lastModified: Date)]] = []
        var token: String?
        // Bounded: 7 keys in pages of 3 are 3 pages; 10 pages would mean the token never ends.
        repeat {
            let page = try await client.list(prefix: "listed/", continuationToken: token, maxKeys: 3)
            pages.append(page.objects)
            token = page.next
        } while token != nil && pages.count < 10
        #expect(pages.map(\.count) == [3, 3, 1])
        #expect(pages.flatMap { $0 }.map(\.key) == keys)
        #expect(pages.flatMap { $0 }.map(\.size) == (1...7).map(Int64.init))
        let everything = try await client.list()
        #expect(everything.objects.map(\.key) == keys + ["other/x"])
        #expect(everything.next == nil)
    }

    static func keysWithSpacesUnicodeAndPlus(_ backend: S3Backend) async throws {
        let client = try await backend.freshClient(prefix: "")
        let keys = ["folder a/file b.txt", "ünï/cødé €uro 😀", "plus+sign=1&x;y", "tilde~/(paren)'quote'!*", "a%2Fb"]
        for (index, key) in keys.enumerated() { try await client.put(key: key, body: pattern(index + 10)) }
        for (index, key) in keys.enumerated() {
            #expect(try await client.get(key: key).map { ByteBuffer(bytes: $0.bytes) } == pattern(index + 10), "\(key)")
            #expect(try await client.head(key: key)?.size == Int64(index + 10), "\(key)")
        }
        let listed = try await client.list()
        // S3 lists keys in the binary order of their UTF-8 bytes.
        #expect(listed.objects.map(\.key) == keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        for key in keys { try await client.delete(key: key) }
        #expect(try await client.list().objects.isEmpty)
    }

    // MARK: Failures

    static func wrongSecretIsRefused(_ backend: S3Backend) async throws {
        let good = try await backend.freshClient()
        let bad = backend.client(bucket: good.bucket, prefix: good.prefix, secretAccessKey: "not-the-secret")
        let error = await #expect(throws: S3BlobClientError.self) {
            try await bad.put(key: "forged", body: pattern(10))
        }
        #expect(error?.status == 403, "\(String(describing: error))")
        #expect(error?.code == "SignatureDoesNotMatch", "\(String(describing: error))")
        #expect(try await good.head(key: "forged") == nil)
    }

    static func unreachableServerFailsBoundedly(_ backend: S3Backend) async throws {
        let port = try #require(try LoopbackPorts.pairs(count: 1).first, "a port nobody listens on")
        let client = backend.client(
            bucket: "gone", prefix: "", endpoint: URL(string: "http://127.0.0.1:\(port)")!, timeout: .seconds(3))
        let clock = ContinuousClock()
        let started = clock.now
        let error = await #expect(throws: S3BlobClientError.self) { _ = try await client.get(key: "anything") }
        let elapsed = clock.now - started
        #expect(error?.isConnectionFailure == true, "\(String(describing: error))")
        // Three attempts with 100 ms and 200 ms between them, each bounded by the 2 s connect timeout (alone this
        // takes about 6.3 s); the bound leaves room for a loaded machine.
        #expect(elapsed >= .milliseconds(300), "the retries waited their backoff")
        #expect(elapsed < .seconds(20), "bounded, not a hang: \(String(describing: error))")
    }
}
