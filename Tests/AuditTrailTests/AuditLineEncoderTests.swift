import Foundation
import Testing

@testable import AuditTrail

/// The hand-written line encoder against the independent oracle, Foundation's `JSONEncoder`.
@Suite struct AuditLineEncoderTests {
    private static func oracle(_ event: AuditEvent) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(event), as: UTF8.self) + "\n"
    }

    private static func encoded(_ event: AuditEvent) -> String {
        var encoder = AuditLineEncoder()
        encoder.append(event)
        return String(decoding: encoder.take(), as: UTF8.self)
    }

    static let events: [AuditEvent] = {
        let tricky =
            "quote \" backslash \\ slash / newline \n tab \t cr \r bell \u{07} nul \u{00} del \u{7F} é 🔑 \u{2028}"
        var full = AuditFixtures.event(invokedBy: "s3.amazonaws.com")
        full.errorCode = "KMSInvalidStateException"
        full.errorMessage = tricky
        full.responseElements = AuditFields([.keyId: .string(AuditFixtures.keyARN), .keyRotationEnabled: false])
        full.additionalEventData = AuditFields([.keyMaterialId: .string(String(repeating: "ab", count: 32))])
        full.requestParameters?[.encryptionContext] = JSONValue(["z": tricky, "Z": "upper", "é": "accent", "a10": "x"])
        full.requestParameters?[.numberOfBytes] = 32
        full.requestParameters?[.grantId] = .null
        full.requestParameters?[.operations] = ["Decrypt", 1, 1.5, 1e-7, 1e21, -0.25, 4.5, true, .null, [:], []]
        full.resources = [.kmsKey(arn: AuditFixtures.keyARN), .kmsKey(arn: AuditFixtures.otherKeyARN)]
        var bare = AuditEvent(
            eventName: "DeleteKey", userIdentity: AuditUserIdentity(type: .awsService, invokedBy: "kms.amazonaws.com"),
            awsRegion: "eu-west-1", requestID: "r", recipientAccountId: "444455556666",
            eventTime: Date(timeIntervalSince1970: 0), eventType: .awsServiceEvent)
        bare.readOnly = false
        let root = AuditEvent(
            eventName: "CreateKey",
            userIdentity: AuditUserIdentity(
                type: .root, principalId: "111122223333", arn: "arn:aws:iam::111122223333:root",
                accountId: "111122223333", accessKeyId: "AKIAROOT"),
            awsRegion: "us-east-1", requestID: "r2", recipientAccountId: "111122223333",
            eventTime: Date(timeIntervalSince1970: 4_102_444_799.9),
            responseElements: AuditFields([
                .keyMetadata: ["KeyId": "k", "CreationDate": 1_796_040_000.5, "Enabled": true]
            ]), resources: [])
        return [full, bare, root, AuditFixtures.event()]
    }()

    @Test(arguments: events)
    func matchesJSONEncoderByteForByte(event: AuditEvent) throws {
        #expect(Self.encoded(event) == (try Self.oracle(event)))
    }

    @Test(arguments: events)
    func decodesBackToTheSameEvent(event: AuditEvent) throws {
        let line = Self.encoded(event)
        let decoded = try AuditCoding.makeDecoder().decode(AuditEvent.self, from: Data(line.utf8))
        #expect(decoded == event)
    }

    /// Strings that exercise every branch of the string writer: empty, escapes at the start, the end and side by
    /// side, every control character, runs of plain bytes around them, and multi-byte UTF-8.
    static let trickyStrings: [String] = [
        "", "plain ascii run with spaces and / slashes", "\"", "\\", "\"\"\\\\", "\\\"", "ends with \\",
        "\"starts with a quote", "a\"b\\c\nd", String((UInt8(0)..<0x20).map { Character(Unicode.Scalar($0)) }),
        "\u{00}", "nul\u{00}inside", "\u{1F}\u{7F}\u{80}", "tab\tcr\rlf\nbs\u{08}ff\u{0C}", "é", "naïve café",
        "🔑 key 🔐", "e\u{301} combining", "\u{2028}\u{2029}", "\u{FFFF}\u{10FFFF}", "日本語のキー",
        String(repeating: "abcdefgh", count: 200) + "\"" + String(repeating: "é", count: 100),
        String(repeating: "\\\"\n", count: 50), "short", "fifteen bytes!!", "sixteen bytes!!!",
    ]

    /// Each tricky string as a top-level member, an encryption context key and value, and a user name.
    @Test(arguments: trickyStrings)
    func stringsMatchJSONEncoderByteForByte(text: String) throws {
        var event = AuditFixtures.event(errorCode: "NotFoundException")
        event.errorMessage = text
        event.userAgent = text
        event.userIdentity.userName = text
        event.requestParameters?[.encryptionContext] = JSONValue([text: text, "k" + text: "v"])
        event.requestParameters?[.operations] = [.string(text), [.string(text)]]
        #expect(Self.encoded(event) == (try Self.oracle(event)))
        let decoded = try AuditCoding.makeDecoder().decode(AuditEvent.self, from: Data(Self.encoded(event).utf8))
        #expect(decoded == event)
    }

    /// Many events into one buffer, then `take()`, then more: the same bytes as encoding each one alone.
    @Test func batchesAndReuseGiveTheSameLines() throws {
        var encoder = AuditLineEncoder()
        for _ in 0..<2 {
            for event in Self.events { encoder.append(event) }
            let expected = try Self.events.map(Self.oracle).joined()
            #expect(String(decoding: encoder.take(), as: UTF8.self) == expected)
        }
        #expect(encoder.take().isEmpty)
    }

    @Test func integralDoublesPrintAsJSONEncoderPrintsThem() throws {
        // They read back as integers, as with any JSON encoder: JSON has one number type.
        var event = AuditFixtures.event()
        event.requestParameters?[.operations] = [
            4.0, -0.0, 0.0, 1e15, -3.0, 9_007_199_254_740_993.0, 1e16, 1.2345678901234568e20,
        ]
        #expect(Self.encoded(event) == (try Self.oracle(event)))
    }

    @Test func eventIDsAreUniqueVersion4UUIDs() {
        let ids = (0..<100_000).map { _ in AuditEventID.next() }
        #expect(Set(ids).count == ids.count)
        for id in ids.prefix(100) {
            let text = id.uuidString
            #expect(Array(text)[14] == "4")
            #expect("89AB".contains(Array(text)[19]))
        }
    }
}
