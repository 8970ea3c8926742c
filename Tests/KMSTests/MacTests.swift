import Crypto
import Foundation
import Testing

@testable import KMS

@Suite("GenerateMac and VerifyMac")
struct MacTests {
    static let message = Array("what the MAC covers".utf8)

    @Test(
        "round trip, tamper and algorithm rules",
        arguments: [
            (KeySpec.hmac224, "HMAC_SHA_224", 28), (.hmac256, "HMAC_SHA_256", 32), (.hmac384, "HMAC_SHA_384", 48),
            (.hmac512, "HMAC_SHA_512", 64),
        ])
    func roundTrip(spec: KeySpec, algorithm: String, length: Int) async throws {
        let kms = try Fixture.kms()
        let key = try await Fixture.key(kms, spec: spec, usage: .generateVerifyMac)
        let generated = try await kms.generateMac(
            keyId: key.keyId, message: Self.message, macAlgorithm: algorithm, caller: Fixture.caller)
        #expect(generated.mac.count == length)
        #expect(generated.keyArn == key.arn)
        #expect(generated.macAlgorithm == algorithm)
        // HMAC is deterministic: the same message gives the same MAC.
        let again = try await kms.generateMac(
            keyId: key.arn, message: Self.message, macAlgorithm: algorithm, caller: Fixture.caller)
        #expect(again.mac == generated.mac)
        let verified = try await kms.verifyMac(
            keyId: key.keyId, message: Self.message, mac: generated.mac, macAlgorithm: algorithm, caller: Fixture.caller
        )
        #expect(verified.macAlgorithm == algorithm)

        var tampered = generated.mac
        tampered[0] ^= 0x80
        for (message, mac) in [(Self.message, tampered), (Self.message + [0], generated.mac), (Self.message, [1])] {
            let error = await kmsError { () async throws(KMSError) in
                _ = try await kms.verifyMac(
                    keyId: key.keyId, message: message, mac: mac, macAlgorithm: algorithm, caller: Fixture.caller)
            }
            #expect(error == KMSError(.invalidMac, ""))
        }
        let other = spec == .hmac512 ? "HMAC_SHA_256" : "HMAC_SHA_512"
        let wrongAlgorithm = await kmsError { () async throws(KMSError) in
            _ = try await kms.generateMac(
                keyId: key.keyId, message: Self.message, macAlgorithm: other, caller: Fixture.caller)
        }
        #expect(
            wrongAlgorithm
                == KMSError(.invalidKeyUsage, "Algorithm \(other) is incompatible with key spec \(spec.rawValue)."))
    }

    @Test("the exact AWS message of the reference")
    func referenceMessage() async throws {
        let kms = try Fixture.kms()
        let key = try await Fixture.key(kms, spec: .hmac256, usage: .generateVerifyMac)
        let error = await kmsError { () async throws(KMSError) in
            _ = try await kms.generateMac(
                keyId: key.keyId, message: [1], macAlgorithm: "HMAC_SHA_512", caller: Fixture.caller)
        }
        #expect(error?.message == "Algorithm HMAC_SHA_512 is incompatible with key spec HMAC_256.")
        #expect(error?.code == .invalidKeyUsage)
    }

    @Test func lengthsKeysAndStates() async throws {
        let kms = try Fixture.kms()
        let key = try await Fixture.key(kms, spec: .hmac256, usage: .generateVerifyMac)
        for (message, expected) in [
            ([UInt8](), KMSError.lengthOutOfRange(0, member: "message", range: 1...4096)),
            (Array(repeating: 1, count: 4097), .lengthOutOfRange(4097, member: "message", range: 1...4096)),
        ] {
            let error = await kmsError { () async throws(KMSError) in
                _ = try await kms.generateMac(
                    keyId: key.keyId, message: message, macAlgorithm: "HMAC_SHA_256", caller: Fixture.caller)
            }
            #expect(error == expected)
        }
        let symmetric = try await Fixture.key(kms)
        let notHMAC = await kmsError { () async throws(KMSError) in
            _ = try await kms.generateMac(
                keyId: symmetric.keyId, message: [1], macAlgorithm: "HMAC_SHA_256", caller: Fixture.caller)
        }
        #expect(notHMAC == .invalidKeyUsage(arn: symmetric.arn, usage: .encryptDecrypt, operation: .generateMac))
        let unknown = await kmsError { () async throws(KMSError) in
            _ = try await kms.generateMac(
                keyId: key.keyId, message: [1], macAlgorithm: "HMAC_MD5", caller: Fixture.caller)
        }
        #expect(unknown?.code == .validation)
        let encrypt = await kmsError { () async throws(KMSError) in
            _ = try await kms.encrypt(
                keyId: key.keyId, plaintext: [1], encryptionContext: [:], encryptionAlgorithm: nil,
                caller: Fixture.caller)
        }
        #expect(encrypt == .invalidKeyUsage(arn: key.arn, usage: .generateVerifyMac, operation: .encrypt))

        try await kms.disableKey(keyId: key.keyId, caller: Fixture.caller)
        let disabled = await kmsError { () async throws(KMSError) in
            _ = try await kms.verifyMac(
                keyId: key.keyId, message: [1], mac: [1], macAlgorithm: "HMAC_SHA_256", caller: Fixture.caller)
        }
        #expect(disabled == .disabled(arn: key.arn))
    }

    @Test("libcrypto's HMAC-SHA224 matches RFC 4231 test case 1")
    func hmacSHA224Vector() throws {
        let key = SymmetricKey(data: [UInt8](repeating: 0x0b, count: 20))
        let mac = try #require(OpenSSLHMAC.sha224(key: key, message: Array("Hi There".utf8)))
        let expected = "896fb1128abbdf196832107cd49df33f47b4b1169912ba4f53684b22"
        #expect(mac.map { String(format: "%02x", $0) }.joined() == expected)
    }

    @Test("the key service's MAC is the HMAC of its key (checked with the key, in the test only)")
    func macMatchesIndependentHMAC() async throws {
        let kms = try Fixture.kms()
        let key = try await Fixture.key(kms, spec: .hmac384, usage: .generateVerifyMac)
        let mac = try await kms.generateMac(
            keyId: key.keyId, message: Self.message, macAlgorithm: "HMAC_SHA_384", caller: Fixture.caller
        ).mac
        guard case .hmac(let hmac) = try #require(kms.store.keys.values.first).material else {
            Issue.record("not an HMAC key")
            return
        }
        #expect(hmac.key.bitCount == 384)
        #expect(mac == Array(HMAC<SHA384>.authenticationCode(for: Self.message, using: hmac.key)))
    }
}
