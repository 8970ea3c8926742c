import CofferServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("KMS API: AWS-shaped errors for bad input")
struct KMSErrorTests {
    @Test("malformed JSON is a SerializationException")
    func malformedJSON() async throws {
        try await TestServer.run { kms in
            let answer = try await kms.send(
                target: "TrentService.ListKeys", body: Array("{not json".utf8), signer: kms.signer)
            #expect(answer.status == .badRequest)
            #expect(answer.errorType == "SerializationException")
            #expect(answer.headers[HTTPField.Name("x-amzn-RequestId")!]?.count == 36)
            #expect(try await kms.get("/_coffer/health").status == .ok)
        }
    }

    @Test("a member of the wrong type is a SerializationException")
    func wrongMemberType() async throws {
        try await TestServer.run { kms in
            let answer = try await kms.call("GenerateRandom", ["NumberOfBytes": "many"])
            #expect(answer.errorType == "SerializationException")
        }
    }

    @Test("an unknown X-Amz-Target is an UnknownOperationException")
    func unknownOperation() async throws {
        try await TestServer.run { kms in
            let answer = try await kms.call("MakeCoffee")
            #expect(answer.status == .badRequest)
            #expect(answer.errorType == "UnknownOperationException")
        }
    }

    @Test("a non-JSON content type is an UnknownOperationException; application/json is accepted")
    func contentTypes() async throws {
        try await TestServer.run { kms in
            var signer = kms.signer
            signer.contentType = "text/plain"
            let refused = try await kms.call("ListKeys", signer: signer)
            #expect(refused.status == .badRequest)
            #expect(refused.errorType == "UnknownOperationException")
            signer.contentType = "application/json; charset=utf-8"
            #expect(try await kms.call("ListKeys", signer: signer).status == .ok)
        }
    }

    @Test("plaintext over 4096 bytes: AWS's exact ValidationException")
    func oversizedPlaintext() async throws {
        try await TestServer.run { kms in
            let keyId = try await kms.createKey()
            let plaintext = Data(repeating: 1, count: 4097).base64EncodedString()
            let answer = try await kms.call("Encrypt", ["KeyId": keyId, "Plaintext": plaintext])
            #expect(answer.status == .badRequest)
            #expect(answer.errorType == "ValidationException")
            #expect(
                answer.message
                    == "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: "
                    + "Member must have length less than or equal to 4096"
            )
        }
    }

    @Test(
        "shape violations use AWS's message format",
        arguments: [
            (
                "GenerateRandom", ["NumberOfBytes": 1025] as [String: any Sendable],
                "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: "
                    + "Member must have value less than or equal to 1024"
            ),
            (
                "GenerateDataKey", ["KeyId": "k", "KeySpec": "AES_512"],
                "1 validation error detected: Value 'AES_512' at 'keySpec' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: [AES_256, AES_128]"
            ),
            (
                "DescribeKey", [:],
                "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: "
                    + "Member must not be null"
            ),
            (
                "ListKeys", ["Limit": 0, "Marker": ""],
                "2 validation errors detected: Value '0' at 'limit' failed to satisfy constraint: "
                    + "Member must have value greater than or equal to 1; Value '' at 'marker' failed to satisfy "
                    + "constraint: Member must have length greater than or equal to 1"
            ),
            (
                "CreateAlias", ["AliasName": "alias/bad name!", "TargetKeyId": "k"],
                "1 validation error detected: Value 'alias/bad name!' at 'aliasName' failed to satisfy constraint: "
                    + "Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$"
            ),
            (
                "CreateKey", ["Description": "a\u{0}b"],
                "1 validation error detected: Value at 'description' failed to satisfy constraint: "
                    + "Member must not contain the NUL character (U+0000)"
            ),
            (
                "TagResource",
                ["KeyId": "k", "Tags": [["TagKey": "t", "TagValue": "\u{0}"]]] as [String: any Sendable],
                "1 validation error detected: Value at 'tags.1.member.tagValue' failed to satisfy constraint: "
                    + "Member must not contain the NUL character (U+0000)"
            ),
            (
                "EnableKeyRotation", ["KeyId": "k", "RotationPeriodInDays": 30],
                "1 validation error detected: Value '30' at 'rotationPeriodInDays' failed to satisfy constraint: "
                    + "Member must have value greater than or equal to 90"
            ),
        ]
    )
    func validationMessages(operation: String, input: [String: any Sendable], message: String) async throws {
        try await TestServer.run { kms in
            let answer = try await kms.call(operation, input)
            #expect(answer.status == .badRequest)
            #expect(answer.errorType == "ValidationException")
            #expect(answer.message == message)
        }
    }

    @Test("an unrecognisable key id is a NotFoundException")
    func invalidKeyId() async throws {
        try await TestServer.run { kms in
            let answer = try await kms.call("Encrypt", ["KeyId": "not-a-key", "Plaintext": "aGk="])
            #expect(answer.status == .badRequest)
            #expect(answer.errorType == "NotFoundException")
            #expect(answer.message == "Invalid keyId 'not-a-key'")
        }
    }

    @Test("a different encryption context is an InvalidCiphertextException")
    func encryptionContextMismatch() async throws {
        try await TestServer.run { kms in
            let keyId = try await kms.createKey()
            let encrypted = try await kms.call(
                "Encrypt", ["KeyId": keyId, "Plaintext": "aGk=", "EncryptionContext": ["a": "1"]]
            )
            let answer = try await kms.call(
                "Decrypt", ["CiphertextBlob": encrypted["CiphertextBlob"] ?? "", "EncryptionContext": ["a": "2"]]
            )
            #expect(answer.status == .badRequest)
            #expect(answer.errorType == "InvalidCiphertextException")
        }
    }

    @Test("a disabled key is a DisabledException")
    func disabledKey() async throws {
        try await TestServer.run { kms in
            let keyId = try await kms.createKey()
            _ = try await kms.call("DisableKey", ["KeyId": keyId])
            let answer = try await kms.call("GenerateDataKey", ["KeyId": keyId, "KeySpec": "AES_256"])
            #expect(answer.status == .badRequest)
            #expect(answer.errorType == "DisabledException")
            #expect(answer.message == "arn:aws:kms:us-east-1:111122223333:key/\(keyId) is disabled.")
        }
    }

    @Test("a key pending deletion is a KMSInvalidStateException")
    func pendingDeletion() async throws {
        try await TestServer.run { kms in
            let keyId = try await kms.createKey()
            _ = try await kms.call("ScheduleKeyDeletion", ["KeyId": keyId])
            let answer = try await kms.call("GenerateDataKey", ["KeyId": keyId, "KeySpec": "AES_256"])
            #expect(answer.status == .badRequest)
            #expect(answer.errorType == "KMSInvalidStateException")
            #expect(answer.message == "arn:aws:kms:us-east-1:111122223333:key/\(keyId) is pending deletion.")
        }
    }

    @Test("a body over 1 MiB is refused with 413")
    func oversizedBody() async throws {
        try await TestServer.run { kms in
            let body = Array(repeating: UInt8(ascii: " "), count: (1 << 20) + 1)
            let answer = try await kms.send(target: "TrentService.ListKeys", body: body, signer: kms.signer)
            #expect(answer.status == .contentTooLarge)
            #expect(answer.errorType == "ValidationException")
            #expect(try await kms.get("/_coffer/health").status == .ok)
        }
    }
}
