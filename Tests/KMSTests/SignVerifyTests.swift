import Crypto
import Foundation
import Testing
import _CryptoExtras

@testable import KMS

@Suite("Sign and Verify")
struct SignVerifyTests {
    static let message = Array("the lecture's message".utf8)

    @Test("round trips with RAW and DIGEST in every combination", arguments: Fixture.signingPairs)
    func roundTrip(spec: KeySpec, algorithm: SigningAlgorithm) async throws {
        let kms = try Fixture.kms()
        let key = try await Fixture.key(kms, spec: spec, usage: .signVerify)
        let digest = Fixture.digest(Self.message, algorithm)
        for (signType, signInput) in [("RAW", Self.message), ("DIGEST", digest)] {
            let signed = try await kms.sign(
                keyId: key.keyId, message: signInput, messageType: signType, signingAlgorithm: algorithm.rawValue,
                caller: Fixture.caller)
            #expect(signed.keyArn == key.arn)
            #expect(signed.signingAlgorithm == algorithm.rawValue)
            // Verify may use the other message type, as long as the hashing agrees.
            for (verifyType, verifyInput) in [("RAW", Self.message), ("DIGEST", digest)] {
                let verified = try await kms.verify(
                    keyId: key.arn, message: verifyInput, messageType: verifyType, signature: signed.signature,
                    signingAlgorithm: algorithm.rawValue, caller: Fixture.caller)
                #expect(verified.signingAlgorithm == algorithm.rawValue)
            }
            var tampered = signed.signature
            tampered[tampered.count / 2] ^= 0x01
            for (badMessage, badSignature) in [(Self.message + [0], signed.signature), (Self.message, tampered)] {
                let error = await kmsError { () async throws(KMSError) in
                    _ = try await kms.verify(
                        keyId: key.keyId, message: badMessage, messageType: nil, signature: badSignature,
                        signingAlgorithm: algorithm.rawValue, caller: Fixture.caller)
                }
                #expect(error == KMSError(.invalidSignature, ""))
            }
        }
    }

    @Test("signatures verify with swift-crypto and the public key from GetPublicKey")
    func independentVerification() async throws {
        let kms = try Fixture.kms()
        for (spec, algorithm) in Fixture.signingPairs where spec != .eccSecgP256k1 {
            let key = try await Fixture.key(kms, spec: spec, usage: .signVerify)
            let publicKey = try await kms.getPublicKey(keyId: key.keyId, caller: Fixture.caller).publicKey
            let signature = try await kms.sign(
                keyId: key.keyId, message: Self.message, messageType: nil, signingAlgorithm: algorithm.rawValue,
                caller: Fixture.caller
            ).signature
            #expect(try Self.verify(signature, publicKey: publicKey, spec: spec, algorithm: algorithm), "\(algorithm)")
        }
    }

    @Test func digestLengthAndAlgorithmErrors() async throws {
        let kms = try Fixture.kms()
        let key = try await Fixture.key(kms, spec: .eccNistP256, usage: .signVerify)
        let cases: [([UInt8], String?, String, KMSError)] = [
            (
                Array(repeating: 1, count: 31), "DIGEST", "ECDSA_SHA_256",
                .validation(
                    "Digest is invalid length for algorithm ECDSA_SHA_256.")
            ),
            (
                Array(repeating: 1, count: 48), "DIGEST", "ECDSA_SHA_256",
                .validation(
                    "Digest is invalid length for algorithm ECDSA_SHA_256.")
            ),
            (
                Self.message, nil, "ECDSA_SHA_384",
                KMSError(
                    .invalidKeyUsage, "Algorithm ECDSA_SHA_384 is incompatible with key spec ECC_NIST_P256.")
            ),
            (
                Self.message, nil, "RSASSA_PSS_SHA_256",
                KMSError(
                    .invalidKeyUsage, "Algorithm RSASSA_PSS_SHA_256 is incompatible with key spec ECC_NIST_P256.")
            ),
            (
                Self.message, nil, "ED25519_SHA_512",
                KMSError(
                    .invalidKeyUsage, "Algorithm ED25519_SHA_512 is incompatible with key spec ECC_NIST_P256.")
            ),
            (
                Self.message, "HASHED", "ECDSA_SHA_256",
                .notInEnum(
                    "HASHED", member: "messageType", values: ["RAW", "DIGEST", "EXTERNAL_MU"])
            ),
            ([], nil, "ECDSA_SHA_256", .lengthOutOfRange(0, member: "message", range: 1...4096)),
            (
                Array(repeating: 0, count: 4097), nil, "ECDSA_SHA_256",
                .lengthOutOfRange(
                    4097, member: "message", range: 1...4096)
            ),
        ]
        for (message, type, algorithm, expected) in cases {
            let error = await kmsError { () async throws(KMSError) in
                _ = try await kms.sign(
                    keyId: key.keyId, message: message, messageType: type, signingAlgorithm: algorithm,
                    caller: Fixture.caller)
            }
            #expect(error == expected)
        }
        let rawMaximum = try await kms.sign(
            keyId: key.keyId, message: Array(repeating: 7, count: 4096), messageType: "RAW",
            signingAlgorithm: "ECDSA_SHA_256", caller: Fixture.caller)
        #expect(!rawMaximum.signature.isEmpty)
    }

    @Test func keysThatCannotSign() async throws {
        let kms = try Fixture.kms()
        let symmetric = try await Fixture.key(kms)
        let rsaEncryption = try await Fixture.key(kms, spec: .rsa2048, usage: .encryptDecrypt)
        let hmac = try await Fixture.key(kms, spec: .hmac256, usage: .generateVerifyMac)
        for (key, usage) in [
            (symmetric, "ENCRYPT_DECRYPT"), (rsaEncryption, "ENCRYPT_DECRYPT"), (hmac, "GENERATE_VERIFY_MAC"),
        ] {
            for operation in ["Sign", "Verify"] {
                let error = await kmsError { () async throws(KMSError) in
                    if operation == "Sign" {
                        _ = try await kms.sign(
                            keyId: key.keyId, message: Self.message, messageType: nil,
                            signingAlgorithm: "RSASSA_PSS_SHA_256", caller: Fixture.caller)
                    } else {
                        _ = try await kms.verify(
                            keyId: key.keyId, message: Self.message, messageType: nil, signature: [1],
                            signingAlgorithm: "RSASSA_PSS_SHA_256", caller: Fixture.caller)
                    }
                }
                #expect(
                    error
                        == KMSError(
                            .invalidKeyUsage, "\(key.arn) key usage is \(usage) which is not valid for \(operation)."))
            }
        }
    }

    @Test func keyStates() async throws {
        let kms = try Fixture.kms()
        let key = try await Fixture.key(kms, spec: .eccNistP256, usage: .signVerify)
        let sign = { () async throws(KMSError) in
            _ = try await kms.sign(
                keyId: key.keyId, message: Self.message, messageType: nil, signingAlgorithm: "ECDSA_SHA_256",
                caller: Fixture.caller)
        }
        try await kms.disableKey(keyId: key.keyId, caller: Fixture.caller)
        #expect(await kmsError(sign) == .disabled(arn: key.arn))
        #expect(
            await kmsError { () async throws(KMSError) in
                _ = try await kms.getPublicKey(keyId: key.keyId, caller: Fixture.caller)
            } == .disabled(arn: key.arn))
        _ = try await kms.scheduleKeyDeletion(keyId: key.keyId, pendingWindowInDays: 7, caller: Fixture.caller)
        #expect(await kmsError(sign) == .pendingDeletion(arn: key.arn))
    }

    /// Verifies with swift-crypto from the DER SubjectPublicKeyInfo alone, as a client outside KMS would.
    static func verify(_ signature: [UInt8], publicKey: [UInt8], spec: KeySpec, algorithm: SigningAlgorithm) throws
        -> Bool
    {
        switch spec {
        case .eccNistP256:
            return try P256.Signing.PublicKey(derRepresentation: publicKey).isValidSignature(
                .init(derRepresentation: signature), for: message)
        case .eccNistP384:
            return try P384.Signing.PublicKey(derRepresentation: publicKey).isValidSignature(
                .init(derRepresentation: signature), for: message)
        case .eccNistP521:
            return try P521.Signing.PublicKey(derRepresentation: publicKey).isValidSignature(
                .init(derRepresentation: signature), for: message)
        default:
            let key = try _RSA.Signing.PublicKey(derRepresentation: publicKey)
            let padding: _RSA.Signing.Padding =
                algorithm.rawValue.contains("PSS") ? .PSS : .insecurePKCS1v1_5
            let rsa = _RSA.Signing.RSASignature(rawRepresentation: signature)
            switch algorithm.hash {
            case .sha256: return key.isValidSignature(rsa, for: SHA256.hash(data: message), padding: padding)
            case .sha384: return key.isValidSignature(rsa, for: SHA384.hash(data: message), padding: padding)
            case .sha512: return key.isValidSignature(rsa, for: SHA512.hash(data: message), padding: padding)
            }
        }
    }
}
