import Foundation
import Testing

@testable import KMS

@Suite("ListKeys")
struct ListKeysTests {
    @Test func pagesThroughEveryKeyInEveryState() async throws {
        let kms = try Fixture.kms()
        var created: [String] = []
        for index in 0..<7 {
            let key = try await Fixture.key(kms)
            created.append(key.keyId)
            if index == 2 { try await kms.disableKey(keyId: key.keyId, caller: Fixture.caller) }
            if index == 3 {
                _ = try await kms.scheduleKeyDeletion(keyId: key.keyId, pendingWindowInDays: 7, caller: Fixture.caller)
            }
        }
        var listed: [KeyListEntry] = []
        var marker: String?
        var pages = 0
        repeat {
            let page = try await kms.listKeys(limit: 3, marker: marker, caller: Fixture.caller)
            listed += page.items
            marker = page.nextMarker
            #expect(page.truncated == (marker != nil))
            pages += 1
        } while marker != nil
        #expect(pages == 3)
        #expect(listed.map(\.keyId) == created.sorted())
        #expect(listed.allSatisfy { $0.keyArn == Fixture.keyArn($0.keyId) })
    }

    @Test func lastPageIsNotTruncated() async throws {
        let kms = try Fixture.kms()
        for _ in 0..<3 { _ = try await Fixture.key(kms) }
        let page = try await kms.listKeys(limit: 3, marker: nil, caller: Fixture.caller)
        #expect(page.items.count == 3 && !page.truncated && page.nextMarker == nil)
    }

    @Test(arguments: ["not-a-marker", "", "djE6", "aGVsbG8="])
    func badMarker(marker: String) async throws {
        let kms = try Fixture.kms()
        _ = try await Fixture.key(kms)
        let error = await kmsError { () async throws(KMSError) in
            _ = try await kms.listKeys(limit: nil, marker: marker, caller: Fixture.caller)
        }
        if marker == "djE6" {
            #expect(error == nil)  // "v1:" — a well-formed marker before every key.
        } else {
            #expect(error?.code == .invalidMarker)
        }
    }

    @Test(arguments: [0, 1001])
    func badLimit(limit: Int) async throws {
        let kms = try Fixture.kms()
        let error = await kmsError { () async throws(KMSError) in
            _ = try await kms.listKeys(limit: limit, marker: nil, caller: Fixture.caller)
        }
        #expect(error == .outOfRange(limit, member: "limit", range: 1...1000))
    }
}
