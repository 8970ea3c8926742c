import Foundation
import Testing

@testable import KMS

@Suite("Aliases")
struct AliasTests {
    @Test(
        "alias name rules",
        arguments: [
            (
                "app",
                KMSError(
                    .validation,
                    "Alias must start with the prefix \"alias/\". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html"
                )
            ),
            ("alias/aws/s3", KMSError(.notAuthorized, "")),
            ("alias/aws/mine", KMSError(.notAuthorized, "")),
            ("alias/a:b", KMSError(.validation, "alias/a:b contains invalid characters for an alias")),
            ("alias/", KMSError(.validation, "alias/ contains invalid characters for an alias")),
        ])
    func nameRules(name: String, expected: KMSError) async throws {
        let kms = try Fixture.kms()
        let key = try await Fixture.key(kms)
        let error = await kmsError { () async throws(KMSError) in
            try await kms.createAlias(aliasName: name, targetKeyId: key.keyId, caller: Fixture.caller)
        }
        #expect(error == expected)
    }

    @Test func duplicatesUpdateAndDelete() async throws {
        let clock = TestClock()
        let kms = try Fixture.kms(clock: clock)
        let first = try await Fixture.key(kms)
        let second = try await Fixture.key(kms)
        try await kms.createAlias(aliasName: "alias/app-key_1", targetKeyId: first.arn, caller: Fixture.caller)
        let duplicate = await kmsError { () async throws(KMSError) in
            try await kms.createAlias(aliasName: "alias/app-key_1", targetKeyId: second.keyId, caller: Fixture.caller)
        }
        #expect(
            duplicate
                == KMSError(
                    .alreadyExists,
                    "An alias with the name arn:aws:kms:us-east-1:111122223333:alias/app-key_1 already exists"))
        let aliasTarget = await kmsError { () async throws(KMSError) in
            try await kms.createAlias(aliasName: "alias/other", targetKeyId: "alias/app-key_1", caller: Fixture.caller)
        }
        #expect(aliasTarget == .validation("Aliases must refer to keys. Not aliases"))

        clock.advance(days: 1)
        try await kms.updateAlias(aliasName: "alias/app-key_1", targetKeyId: second.keyId, caller: Fixture.caller)
        #expect(try await kms.describeKey(keyId: "alias/app-key_1", caller: Fixture.caller).keyId == second.keyId)
        let entry = try #require(
            try await kms.listAliases(keyId: second.keyId, limit: nil, marker: nil, caller: Fixture.caller).items.first)
        #expect(entry.aliasArn == Fixture.aliasArn("alias/app-key_1"))
        #expect(entry.targetKeyId == second.keyId)
        #expect(entry.lastUpdatedDate == clock.now())
        #expect(entry.creationDate == clock.now().addingTimeInterval(-86_400))
        #expect(
            try await kms.listAliases(keyId: first.keyId, limit: nil, marker: nil, caller: Fixture.caller).items.isEmpty
        )

        try await kms.deleteAlias(aliasName: "alias/app-key_1", caller: Fixture.caller)
        let gone = await kmsError { () async throws(KMSError) in
            try await kms.deleteAlias(aliasName: "alias/app-key_1", caller: Fixture.caller)
        }
        #expect(gone == .aliasNotFound(aliasArn: Fixture.aliasArn("alias/app-key_1")))
        let updateMissing = await kmsError { () async throws(KMSError) in
            try await kms.updateAlias(aliasName: "alias/missing", targetKeyId: first.keyId, caller: Fixture.caller)
        }
        #expect(updateMissing == .aliasNotFound(aliasArn: Fixture.aliasArn("alias/missing")))
    }

    @Test func updateAliasToAPendingDeletionTargetFails() async throws {
        let kms = try Fixture.kms()
        let source = try await Fixture.key(kms)
        let target = try await Fixture.key(kms)
        try await kms.createAlias(aliasName: "alias/app", targetKeyId: source.keyId, caller: Fixture.caller)
        _ = try await kms.scheduleKeyDeletion(keyId: source.keyId, pendingWindowInDays: 7, caller: Fixture.caller)
        try await kms.updateAlias(aliasName: "alias/app", targetKeyId: target.keyId, caller: Fixture.caller)
        _ = try await kms.scheduleKeyDeletion(keyId: target.keyId, pendingWindowInDays: 7, caller: Fixture.caller)
        let error = await kmsError { () async throws(KMSError) in
            try await kms.updateAlias(aliasName: "alias/app", targetKeyId: source.keyId, caller: Fixture.caller)
        }
        #expect(error == .pendingDeletion(arn: source.arn))
    }

    @Test func pagingIncludesThePredefinedS3Alias() async throws {
        let kms = try Fixture.kms()
        let key = try await Fixture.key(kms)
        for name in ["alias/c", "alias/a", "alias/b", "alias/d"] {
            try await kms.createAlias(aliasName: name, targetKeyId: key.keyId, caller: Fixture.caller)
        }
        var names: [String] = []
        var marker: String?
        repeat {
            let page = try await kms.listAliases(keyId: nil, limit: 2, marker: marker, caller: Fixture.caller)
            #expect(page.items.count <= 2)
            names += page.items.map(\.aliasName)
            marker = page.nextMarker
        } while marker != nil
        #expect(names == ["alias/a", "alias/aws/s3", "alias/b", "alias/c", "alias/d"])
        let s3 = try await kms.listAliases(keyId: nil, limit: 100, marker: nil, caller: Fixture.caller).items[1]
        #expect(s3.targetKeyId == nil && s3.aliasArn == Fixture.aliasArn("alias/aws/s3"))
        let bad = await kmsError { () async throws(KMSError) in
            _ = try await kms.listAliases(keyId: nil, limit: nil, marker: "garbage", caller: Fixture.caller)
        }
        #expect(bad?.code == .invalidMarker)
        let limit = await kmsError { () async throws(KMSError) in
            _ = try await kms.listAliases(keyId: nil, limit: 101, marker: nil, caller: Fixture.caller)
        }
        #expect(limit == .outOfRange(101, member: "limit", range: 1...100))
    }
}
