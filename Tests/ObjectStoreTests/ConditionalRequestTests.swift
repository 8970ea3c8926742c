import Foundation
import Testing

@testable import ObjectStore

@Suite("Conditional requests")
struct ConditionalRequestTests {
    static let etag = "\"abc\""
    static let modified = Date(timeIntervalSince1970: 1_000_000.250)
    static let before = Date(timeIntervalSince1970: 999_000)
    static let after = Date(timeIntervalSince1970: 1_001_000)

    static func outcome(_ conditions: ObjectConditions) -> String {
        do {
            try conditions.evaluate(etag: etag, lastModified: modified)
            return "ok"
        } catch {
            return error.kind == .notModified ? "304" : error.kind == .preconditionFailed ? "412" : "other"
        }
    }

    static let cases: [(ObjectConditions, String)] = [
        (ObjectConditions(), "ok"),
        (ObjectConditions(ifMatch: "\"abc\""), "ok"),
        (ObjectConditions(ifMatch: "\"x\", \"abc\""), "ok"),
        (ObjectConditions(ifMatch: "*"), "ok"),
        (ObjectConditions(ifMatch: "\"x\""), "412"),
        (ObjectConditions(ifNoneMatch: "\"abc\""), "304"),
        (ObjectConditions(ifNoneMatch: "W/\"abc\""), "304"),
        (ObjectConditions(ifNoneMatch: "\"x\""), "ok"),
        (ObjectConditions(ifModifiedSince: before), "ok"),
        (ObjectConditions(ifModifiedSince: after), "304"),
        (ObjectConditions(ifModifiedSince: Date(timeIntervalSince1970: 1_000_000)), "304"),
        (ObjectConditions(ifUnmodifiedSince: after), "ok"),
        (ObjectConditions(ifUnmodifiedSince: before), "412"),
        // If-Match true wins over a failing If-Unmodified-Since; If-None-Match false wins over If-Modified-Since.
        (ObjectConditions(ifMatch: "\"abc\"", ifUnmodifiedSince: before), "ok"),
        (ObjectConditions(ifNoneMatch: "\"x\"", ifModifiedSince: after), "ok"),
        (ObjectConditions(ifNoneMatch: "\"abc\"", ifModifiedSince: before), "304"),
        (ObjectConditions(ifMatch: "\"x\"", ifNoneMatch: "\"abc\""), "412"),
    ]

    @Test(arguments: cases)
    func evaluation(conditions: ObjectConditions, expected: String) {
        #expect(Self.outcome(conditions) == expected)
    }

    @Test func getAndHeadApplyConditions() async throws {
        try await StoreFixture.with { fixture in
            let put = try await fixture.put("k", testBytes(10))
            let request = { (conditions: ObjectConditions) in
                GetObjectRequest(bucket: "bucket1", key: "k", conditions: conditions, requester: StoreFixture.requester)
            }
            await fixture.expectError(.notModified) {
                _ = try await fixture.store.getObject(request(ObjectConditions(ifNoneMatch: put.etag)))
            }
            await fixture.expectError(.preconditionFailed) {
                _ = try await fixture.store.headObject(request(ObjectConditions(ifMatch: "\"nope\"")))
            }
            _ = try await fixture.store.getObject(request(ObjectConditions(ifMatch: put.etag)))
            do {
                _ = try await fixture.store.headObject(request(ObjectConditions(ifNoneMatch: "*")))
            } catch let error as ObjectStoreError {
                #expect(error.details.etag == put.etag)
            }
        }
    }
}
