import Crypto
import Testing

@testable import KMS

/// `KeyManagementService.requestCounts()`: the same numbers as `coffer_kms_requests_total`, for `/_coffer/stats`.
@Suite("Request counts")
struct RequestCountTests {
    @Test func countsByOperationAndChannelLeavingOutZeros() async throws {
        let kms = try KeyManagementService(
            configuration: KMSConfiguration(
                region: Fixture.region, accountId: Fixture.account, databasePath: nil, rootKey: .init(size: .bits256)),
            clock: TestClock(), metricsFactory: RecordingMetrics())
        let key = try await Fixture.key(kms)
        for caller in [Fixture.caller, Fixture.s3Caller, Fixture.s3Caller] {
            _ = try await kms.generateDataKey(
                keyId: key.keyId, keySpec: .aes256, numberOfBytes: nil, encryptionContext: [:], caller: caller)
        }
        _ = await kmsError { () async throws(KMSError) in
            _ = try await kms.decrypt(
                ciphertextBlob: [1, 2, 3], encryptionContext: [:], keyId: nil, encryptionAlgorithm: nil,
                caller: Fixture.s3Caller)
        }

        #expect(
            kms.requestCounts() == [
                KMSRequestCount(operation: "CreateKey", channel: .api, count: 1),
                KMSRequestCount(operation: "GenerateDataKey", channel: .api, count: 1),
                KMSRequestCount(operation: "Decrypt", channel: .s3, count: 1),
                KMSRequestCount(operation: "GenerateDataKey", channel: .s3, count: 2),
            ])
    }

    @Test func operationNamesAreTheWireNames() {
        #expect(KeyManagementService.operationNames.contains("GenerateDataKey"))
        #expect(KeyManagementService.operationNames.contains("ReEncrypt"))
        #expect(!KeyManagementService.operationNames.contains("TrentService.Decrypt"))
    }
}
