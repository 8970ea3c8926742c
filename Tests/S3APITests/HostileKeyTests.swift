import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import S3API

/// Keys holding characters XML 1.0 cannot carry (issue #11: `PUT /bucket/%00` answered 500, its error XML carried
/// `&#0;`). They are refused with 400 `InvalidArgument` on every write that creates a key, never cut at the NUL,
/// and every XML answer that echoes one stays well-formed.
@Suite struct HostileKeyTests {
    static let refused = ["%00", "a%00b", "%01", "%08", "%0B", "%1F", "x%EF%BF%BE", "%EF%BF%BF"]

    @Test("Keys XML cannot carry are InvalidArgument", arguments: refused)
    func keysXMLCannotCarryAreRefused(key: String) async throws {
        try await S3TestHarness.run { _, client in
            let put = try await client.put("/bucket1/\(key)", "data")
            #expect(put.status == .badRequest)
            #expect(put.errorCode == "InvalidArgument")
            #expect(try XMLNode.parse(put.body).child("Code")?.text == "InvalidArgument", "\(put.text)")
            let upload = try await client.s3(.post, "/bucket1/\(key)", query: "uploads")
            #expect(upload.status == .badRequest)
            let copy = try await client.s3(.put, "/bucket1/\(key)", headers: [("x-amz-copy-source", "/bucket1/none")])
            #expect(copy.status.code >= 400 && copy.status.code < 500)
        }
    }

    @Test func aNulNeverCutsAKey() async throws {
        try await S3TestHarness.run { _, client in
            let original = try await client.put("/bucket1/a", "original")
            let intruder = try await client.put("/bucket1/a%00b", "intruder")
            let read = try await client.get("/bucket1/a")
            #expect(original.status == .ok)
            #expect(intruder.status == .badRequest)
            #expect(read.text == "original")
        }
    }

    @Test func tabNewlineAndCarriageReturnKeysRoundTripThroughListings() async throws {
        try await S3TestHarness.run { _, client in
            let put = try await client.put("/bucket1/a%09b%0Ac%0Dd", "x")
            #expect(put.status == .ok)
            let list = try await client.get("/bucket1", query: "list-type=2")
            let parsed = try XMLNode.parse(list.body)
            #expect(parsed.child("Contents")?.child("Key")?.text == "a\tb\nc\rd")
        }
    }

    @Test func errorAnswersEchoingAControlCharacterAreWellFormed() async throws {
        try await S3TestHarness.run { _, client in
            let get = try await client.get("/bucket1/%00")
            #expect(get.status == .notFound)
            #expect(!get.text.contains("&#0;"))
            #expect(try XMLNode.parse(get.body).child("Code")?.text == "NoSuchKey")
        }
    }
}
