import Crypto
import Foundation
import Metrics
import Synchronization
import Testing

@testable import KMS

/// A metrics factory that records counter values by label and dimensions.
final class RecordingMetrics: MetricsFactory, Sendable {
    final class Handler: CounterHandler, Sendable {
        let value = Mutex<Int64>(0)
        func increment(by amount: Int64) { value.withLock { $0 += amount } }
        func reset() { value.withLock { $0 = 0 } }
    }

    private let counters = Mutex<[String: Handler]>([:])

    /// The value of the counter with these dimensions.
    func value(_ label: String, _ dimensions: [(String, String)]) -> Int64 {
        counters.withLock { $0[Self.key(label, dimensions)] }?.value.withLock { $0 } ?? 0
    }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        counters.withLock { counters in
            let handler = counters[Self.key(label, dimensions)] ?? Handler()
            counters[Self.key(label, dimensions)] = handler
            return handler
        }
    }

    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        NOOPMetricsHandler.instance
    }

    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler { NOOPMetricsHandler.instance }
    func destroyCounter(_ handler: any CounterHandler) {}
    func destroyRecorder(_ handler: any RecorderHandler) {}
    func destroyTimer(_ handler: any TimerHandler) {}

    private static func key(_ label: String, _ dimensions: [(String, String)]) -> String {
        ([label] + dimensions.map { "\($0.0)=\($0.1)" }).joined(separator: ",")
    }
}

@Suite("Request counters")
struct MetricsTests {
    @Test func countsSuccessesAndFailuresByOperationAndCaller() async throws {
        let metrics = RecordingMetrics()
        let kms = try KeyManagementService(
            configuration: KMSConfiguration(
                region: Fixture.region, accountId: Fixture.account, databasePath: nil,
                rootKey: .init(size: .bits256)),
            clock: TestClock(), metricsFactory: metrics)
        let key = try await Fixture.key(kms)
        for caller in [Fixture.caller, Fixture.s3Caller, Fixture.s3Caller] {
            _ = try await kms.generateDataKey(
                keyId: key.keyId, keySpec: .aes256, numberOfBytes: nil, encryptionContext: [:], caller: caller)
        }
        _ = await kmsError { () async throws(KMSError) in
            _ = try await kms.generateDataKey(
                keyId: "nope", keySpec: .aes256, numberOfBytes: nil, encryptionContext: [:], caller: Fixture.caller)
        }
        let label = "coffer_kms_requests_total"
        #expect(metrics.value(label, [("operation", "GenerateDataKey"), ("caller", "api")]) == 2)
        #expect(metrics.value(label, [("operation", "GenerateDataKey"), ("caller", "s3")]) == 2)
        #expect(metrics.value(label, [("operation", "CreateKey"), ("caller", "api")]) == 1)
        #expect(metrics.value(label, [("operation", "Decrypt"), ("caller", "api")]) == 0)
    }

    @Test func countsAsymmetricAndMacOperations() async throws {
        let metrics = RecordingMetrics()
        let kms = try KeyManagementService(
            configuration: KMSConfiguration(
                region: Fixture.region, accountId: Fixture.account, databasePath: nil,
                rootKey: .init(size: .bits256)),
            clock: TestClock(), metricsFactory: metrics)
        let signing = try await Fixture.key(kms, spec: .eccNistP256, usage: .signVerify)
        let hmac = try await Fixture.key(kms, spec: .hmac256, usage: .generateVerifyMac)
        let signature = try await kms.sign(
            keyId: signing.keyId, message: [1], messageType: nil, signingAlgorithm: "ECDSA_SHA_256",
            caller: Fixture.caller
        ).signature
        _ = try await kms.verify(
            keyId: signing.keyId, message: [1], messageType: nil, signature: signature,
            signingAlgorithm: "ECDSA_SHA_256", caller: Fixture.caller)
        _ = await kmsError { () async throws(KMSError) in
            _ = try await kms.verify(
                keyId: signing.keyId, message: [2], messageType: nil, signature: signature,
                signingAlgorithm: "ECDSA_SHA_256", caller: Fixture.caller)
        }
        _ = try await kms.getPublicKey(keyId: signing.keyId, caller: Fixture.caller)
        _ = try await kms.generateMac(
            keyId: hmac.keyId, message: [1], macAlgorithm: "HMAC_SHA_256", caller: Fixture.caller)
        let label = "coffer_kms_requests_total"
        #expect(metrics.value(label, [("operation", "Sign"), ("caller", "api")]) == 1)
        #expect(metrics.value(label, [("operation", "Verify"), ("caller", "api")]) == 2)
        #expect(metrics.value(label, [("operation", "GetPublicKey"), ("caller", "api")]) == 1)
        #expect(metrics.value(label, [("operation", "GenerateMac"), ("caller", "api")]) == 1)
    }
}
