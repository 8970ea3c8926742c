import AuditTrail
import Crypto
import Foundation
import KMSQuota
import Testing

@testable import KMS

/// Request quotas and the audit events of the key service.
@Suite("KMS request quotas and audit events")
struct QuotaAndAuditTests {
    private static func service(quotas: QuotaConfiguration = .unlimited, audit: AuditCollector? = nil) throws
        -> KeyManagementService
    {
        try KeyManagementService(
            configuration: KMSConfiguration(
                region: Fixture.region, accountId: Fixture.account, databasePath: nil,
                rootKey: .init(size: .bits256), quotas: quotas),
            clock: TestClock(Date()), auditSink: audit)
    }

    private func generate(_ kms: KeyManagementService, _ keyId: String, _ caller: KMSCaller = Fixture.caller)
        async -> KMSError?
    {
        await kmsError { () async throws(KMSError) in
            _ = try await kms.generateDataKey(
                keyId: keyId, keySpec: .aes256, numberOfBytes: nil, encryptionContext: [:], caller: caller)
        }
    }

    @Test func aBurstOverTheSymmetricQuotaIsThrottled() async throws {
        let kms = try Self.service(quotas: QuotaConfiguration(symmetric: 5, rsa: 0, ecc: 0))
        let key = try await Fixture.key(kms)
        var outcomes: [KMSError?] = []
        for _ in 0..<8 { outcomes.append(await generate(kms, key.keyId)) }
        #expect(outcomes.prefix(5).allSatisfy { $0 == nil })
        #expect(outcomes.suffix(3).allSatisfy { $0 == .throttled })
        #expect(
            KMSError.throttled.message
                == "You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.")
        // Quotas are per account: another account still has its budget (and is denied by policy instead).
        #expect(await generate(kms, key.arn, Principals.carol)?.code == .accessDenied)
        // Management operations are not metered.
        for _ in 0..<10 { _ = try await kms.describeKey(keyId: key.keyId, caller: Fixture.caller) }
    }

    /// A user without any permission flooding KMS gets AccessDeniedException while the account has quota left, then
    /// ThrottlingException; throttled calls are not recorded one by one, so the trail grows no faster than the quota.
    @Test func deniedCallsCountAgainstTheQuotaAndBoundTheAuditTrail() async throws {
        let audit = AuditCollector()
        let kms = try Self.service(quotas: QuotaConfiguration(symmetric: 3, rsa: 0, ecc: 0), audit: audit)
        let key = try await Fixture.key(kms)
        var outcomes: [KMSError.Code?] = []
        for index in 0..<24 {
            // A metered operation (GenerateDataKey), an unmetered one (DescribeKey), and one on no key at all.
            let error: KMSError? =
                switch index % 3 {
                case 0: await generate(kms, key.keyId, Principals.bob)
                case 1:
                    await kmsError { () async throws(KMSError) in
                        _ = try await kms.describeKey(keyId: key.keyId, caller: Principals.bob)
                    }
                default:
                    await kmsError { () async throws(KMSError) in
                        _ = try await kms.describeKey(keyId: "alias/none", caller: Principals.bob)
                    }
                }
            outcomes.append(error?.code)
        }
        #expect(outcomes.prefix(3).allSatisfy { $0 == .accessDenied || $0 == .notFound }, "\(outcomes)")
        #expect(outcomes.allSatisfy { $0 != nil })
        let throttled = outcomes.filter { $0 == .throttling }.count
        #expect(throttled >= 18, "\(outcomes)")  // a slow run may refill a token or two
        let bobsEvents = audit.events.filter { $0.userIdentity.userName == "bob" }
        #expect(bobsEvents.count == outcomes.count - throttled)
        #expect(bobsEvents.allSatisfy { $0.errorCode != "ThrottlingException" })
        #expect(kms.quotas.snapshot().total(.symmetric).throttled == throttled)
    }

    @Test func successAndFailureAreAudited() async throws {
        let audit = AuditCollector()
        let kms = try Self.service(audit: audit)
        let key = try await Fixture.key(kms)
        var caller = Fixture.caller
        caller.requestId = "request-1"
        caller.accessKeyId = "AKIAROOT"
        let generated = try await kms.generateDataKey(
            keyId: key.keyId, keySpec: .aes256, numberOfBytes: nil, encryptionContext: ["aws:s3:arn": "arn:aws:s3:::b"],
            caller: caller)
        #expect(await generate(kms, key.keyId, Principals.bob)?.code == .accessDenied)

        let events = audit.events
        #expect(events.map(\.eventName) == ["CreateKey", "GenerateDataKey", "GenerateDataKey"])
        let success = events[1]
        #expect(success.requestID == "request-1")
        #expect(success.userIdentity.type == .root && success.userIdentity.accessKeyId == "AKIAROOT")
        #expect(success.requestParameters?[.keyId] == .string(key.keyId))
        #expect(success.requestParameters?[.encryptionContext] == .object(["aws:s3:arn": .string("arn:aws:s3:::b")]))
        #expect(success.requestParameters?[.keySpec] == .string("AES_256"))
        #expect(success.resources == [.kmsKey(arn: key.arn)])
        #expect(success.additionalEventData?[.keyMaterialId] == .string(generated.keyMaterialId))
        #expect(success.errorCode == nil && success.readOnly)

        let failure = events[2]
        #expect(failure.userIdentity.type == .iamUser && failure.userIdentity.userName == "bob")
        #expect(failure.errorCode == "AccessDeniedException")
        #expect(failure.errorMessage?.contains("kms:GenerateDataKey") == true)
        #expect(failure.resources == [.kmsKey(arn: key.arn)])
    }

    @Test func s3CallsAreAttributedToTheRequesterAndInvokedByS3() async throws {
        let audit = AuditCollector()
        let kms = try Self.service(audit: audit)
        let managed = try await kms.awsManagedKey(service: "s3", caller: Principals.viaS3(Principals.alice))
        #expect(await generate(kms, managed.arn, Principals.viaS3(Principals.alice)) == nil)
        let event = try #require(audit.events.last)
        #expect(event.eventName == "GenerateDataKey")
        #expect(event.userIdentity.arn == Principals.alice.principalArn)
        #expect(event.userIdentity.invokedBy == "s3.amazonaws.com")
        #expect(event.sourceIPAddress == "s3.amazonaws.com" && event.userAgent == "s3.amazonaws.com")
    }

    @Test func noSecretReachesTheTrail() async throws {
        let audit = AuditCollector()
        let kms = try Self.service(audit: audit)
        let key = try await Fixture.key(kms)
        let plaintext: [UInt8] = Array("top secret plaintext".utf8)
        let encrypted = try await kms.encrypt(
            keyId: key.keyId, plaintext: plaintext, encryptionContext: [:], encryptionAlgorithm: nil,
            caller: Fixture.caller)
        let decrypted = try await kms.decrypt(
            ciphertextBlob: encrypted.ciphertextBlob, encryptionContext: [:], keyId: nil, encryptionAlgorithm: nil,
            caller: Fixture.caller)
        let dataKey = try await kms.generateDataKey(
            keyId: key.keyId, keySpec: .aes256, numberOfBytes: nil, encryptionContext: [:], caller: Fixture.caller)
        let trail = AuditFormatter.jsonLines(audit.events)
        let secrets = [
            Data(plaintext).base64EncodedString(), Data(encrypted.ciphertextBlob).base64EncodedString(),
            decrypted.plaintext.withUnsafeBytes { Data($0).base64EncodedString() },
            dataKey.plaintext.withUnsafeBytes { Data($0).base64EncodedString() },
            Data(dataKey.ciphertextBlob).base64EncodedString(), "top secret",
        ]
        for secret in secrets { #expect(!trail.contains(secret)) }
        #expect(audit.events.map(\.eventName) == ["CreateKey", "Encrypt", "Decrypt", "GenerateDataKey"])
        #expect(audit.events[2].resources == [.kmsKey(arn: key.arn)])
    }
}
