import Foundation
import NIOCore
import PropertyBased
import Testing

@testable import KMSAPI

/// The KMS wire layer's JSON on mutated bodies: `JSONReader` alone, then every operation's input shape through
/// `KMSJSON.decode` and `validated()`. Each ends in a value, a `JSONReader.SyntaxError` or a `KMSWireError`
/// (SerializationException, ValidationException), in bounded time; deep nesting is refused, not recursed into.
@Suite("Fuzz: KMS JSON")
struct KMSJSONFuzzTests {
    static let keyId = "1234abcd-12ab-34cd-56ef-1234567890ab"
    static let seeds = [
        #"{"KeyId": "\#(keyId)", "KeySpec": "AES_256", "EncryptionContext": {"aws:s3:arn": "arn:aws:s3:::b/o"}}"#,
        #"{"KeyId": "alias/x", "Plaintext": "aGVsbG8=", "EncryptionAlgorithm": "SYMMETRIC_DEFAULT"}"#,
        #"{"CiphertextBlob": "AQIDBA==", "GrantTokens": ["a", "b"], "DryRun": false, "KeyId": "alias/x"}"#,
        #"{"Description": "d", "KeyUsage": "SIGN_VERIFY", "KeySpec": "ECC_NIST_P256", "Tags": [{"TagKey": "k", "TagValue": "v"}], "Policy": "{\"Version\":\"2012-10-17\"}", "BypassPolicyLockoutSafetyCheck": true, "MultiRegion": false, "Origin": "AWS_KMS"}"#,
        #"{"AliasName": "alias/a", "TargetKeyId": "\#(keyId)", "Limit": 100, "Marker": "m"}"#,
        #"{"KeyId": "k", "GranteePrincipal": "arn:aws:iam::000000000000:user/u", "Operations": ["Encrypt", "Decrypt"], "Constraints": {"EncryptionContextSubset": {"a": "b"}}, "Name": "n"}"#,
        #"{"KeyId": "k", "PendingWindowInDays": 7, "NumberOfBytes": 1024, "RotationPeriodInDays": 365}"#,
        #"{"KeyId": "k", "Message": "bWVzc2FnZQ==", "MessageType": "RAW", "SigningAlgorithm": "ECDSA_SHA_256", "MacAlgorithm": "HMAC_SHA_256", "Mac": "AA=="}"#,
        #"{"SourceCiphertextBlob": "AQ==", "DestinationKeyId": "k", "SourceEncryptionContext": {}, "TagKeys": ["a"]}"#,
        #"{"n": [0, -0, 1.5, -1.25E-3, 1e10, 123456789, -9223372036854775808], "s": "\u00e9\ud83d\ude00\u0000\n"}"#,
    ]

    @Test func mutatedDocuments() async {
        await propertyCheck(count: Fuzz.count * 2, input: Gen.mutations(of: Self.seeds)) { bytes in
            Fuzz.bounded(bytes) { bytes in
                _ = try? bytes.withUnsafeBytes { try JSONReader.parse($0) }
            }
        }
    }

    @Test func everyInputShape() async {
        await propertyCheck(count: Fuzz.count, input: Gen.mutations(of: Self.seeds)) { bytes in
            let body = ByteBuffer(bytes: bytes)
            Fuzz.bounded(bytes) { _ in
                for decode in Self.shapes { decode(body) }
            }
        }
    }

    @Test func unmutatedSeedsDecode() throws {
        #expect(
            try KMSJSON.decode(GenerateDataKeyInput.self, from: ByteBuffer(string: Self.seeds[0])).validated().keyId
                == Self.keyId)
    }

    @Test func deepNestingIsRefused() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: (any Error).self) { try KMSJSON.decode(ListKeysInput.self, from: ByteBuffer(string: deep)) }
    }

    /// Decodes and validates `body` as one operation's input, ignoring the typed errors.
    static func shape<Input: KMSInput>(_ type: Input.Type) -> @Sendable (ByteBuffer) -> Void {
        { body in _ = try? KMSJSON.decode(type, from: body).validated() }
    }

    static let shapes: [@Sendable (ByteBuffer) -> Void] = [
        shape(AliasTargetInput.self), shape(DeleteAliasInput.self), shape(ListAliasesInput.self),
        shape(SignInput.self), shape(MacInput.self), shape(GenerateDataKeyPairInput.self), shape(EncryptInput.self),
        shape(DecryptInput.self), shape(ReEncryptInput.self), shape(GenerateDataKeyInput.self),
        shape(GenerateRandomInput.self), shape(CreateGrantInput.self), shape(ListGrantsInput.self),
        shape(RetireGrantInput.self), shape(RevokeGrantInput.self), shape(CreateKeyInput.self),
        shape(KeyIdInput.self), shape(ListKeysInput.self), shape(UpdateKeyDescriptionInput.self),
        shape(ScheduleKeyDeletionInput.self), shape(GetKeyPolicyInput.self), shape(PutKeyPolicyInput.self),
        shape(KeyListingInput.self), shape(TagResourceInput.self), shape(UntagResourceInput.self),
        shape(EnableKeyRotationInput.self), shape(ListKeyRotationsInput.self),
    ]
}
