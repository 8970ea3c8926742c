import AuditTrail
import Foundation
import Testing

@Suite struct AuditSecretsTests {
    private static let marker = "PLAINTEXT-MARKER-7f3a"
    /// Names of KMS request and response members that carry secrets or blobs.
    private static let secretNames = [
        "Plaintext", "CiphertextBlob", "SourceCiphertextBlob", "CiphertextForRecipient", "Message", "Signature",
        "Mac", "PrivateKeyPlaintext", "PrivateKeyCiphertextBlob", "PublicKey", "SharedSecret", "GrantTokens",
        "ImportToken", "EncryptedKeyMaterial", "Recipient", "KeyMaterial",
    ]

    @Test(arguments: secretNames)
    func secretNamesAreNotAuditFields(name: String) {
        #expect(AuditField(memberName: name) == nil)
        #expect(AuditField(rawValue: name) == nil)
    }

    @Test func filteringARequestKeepsOnlyAllowedMembers() {
        var body: [String: JSONValue] = [
            "KeyId": "alias/app", "EncryptionContext": ["purpose": "test"], "NumberOfBytes": 32,
        ]
        for name in Self.secretNames { body[name] = .string(Self.marker) }
        let fields = AuditFields(filtering: body)
        #expect(Set(fields.fields.keys) == [.keyId, .encryptionContext, .numberOfBytes])
        #expect(fields[.numberOfBytes] == .int(32))
    }

    @Test func everyJSONValueHoldsOnlyTextNumbersAndStructure() {
        // JSONValue has no case for bytes: every payload is one of these types.
        let samples: [JSONValue] = [.string("s"), .int(1), .double(1.5), .bool(true), .null, .array([]), .object([:])]
        for sample in samples {
            for child in Mirror(reflecting: sample).children {
                let allowed =
                    child.value is String || child.value is Int || child.value is Double || child.value is Bool
                    || child.value is [JSONValue] || child.value is [String: JSONValue]
                #expect(allowed, "unexpected payload \(type(of: child.value))")
            }
        }
    }

    @Test func aSecretUnderADisallowedNameIsNeverWritten() async throws {
        // Given a Decrypt request body whose blob and a stray plaintext carry the marker
        let directory = AuditFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let body: [String: JSONValue] = [
            "CiphertextBlob": .string(Self.marker), "Plaintext": .string(Self.marker), "KeyId": "alias/app",
        ]
        let response: [String: JSONValue] = ["KeyId": .string(AuditFixtures.keyARN), "Plaintext": .string(Self.marker)]
        let event = AuditEvent(
            eventName: "Decrypt", userIdentity: AuditFixtures.alice, awsRegion: "us-east-1", requestID: "r",
            recipientAccountId: AuditFixtures.account, eventTime: AuditFixtures.noon,
            requestParameters: AuditFields(filtering: body), responseElements: AuditFields(filtering: response))
        // When it is written
        let writer = AuditWriter(configuration: AuditFixtures.configuration(directory))
        try await AuditFixtures.running(writer) { await $0.record(event) }
        // Then the file never contains the marker, but does contain the key
        let text = AuditFixtures.contents(directory, day: "20261130")
        #expect(text.contains("alias/app"))
        #expect(!text.contains(Self.marker))
        #expect(!text.lowercased().contains("plaintext"))
        #expect(!text.lowercased().contains("ciphertextblob"))
    }

    @Test func decodingDropsNamesOutsideTheWhitelist() throws {
        // A hand-edited line cannot smuggle a secret through the reader either.
        let json = #"{"keyId":"k","plaintext":"\#(Self.marker)"}"#
        let fields = try JSONDecoder().decode(AuditFields.self, from: Data(json.utf8))
        #expect(fields.fields == [.keyId: "k"])
    }

    @Test func nonFiniteNumbersStillEncode() throws {
        let fields = AuditFields([.numberOfBytes: .double(.infinity)])
        let data = try JSONEncoder().encode(fields)
        #expect(String(decoding: data, as: UTF8.self) == #"{"numberOfBytes":"inf"}"#)
    }
}
