import Foundation
import NIOCore
import PropertyBased
import Testing

@testable import S3API

/// Every S3 XML request shape on mutated bodies (CreateBucketConfiguration, Delete, ServerSideEncryptionConfiguration,
/// CompleteMultipartUpload): a value or `S3Error`, in bounded time. And the writer side: whatever strings it is
/// given, every document `XMLWriter` produces is well-formed XML 1.0.
@Suite("Fuzz: S3 XML")
struct S3XMLFuzzTests {
    static let seeds = [
        #"<?xml version="1.0" encoding="UTF-8"?><CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><LocationConstraint>us-east-1</LocationConstraint></CreateBucketConfiguration>"#,
        #"<Delete><Quiet>true</Quiet><Object><Key>a&amp;b</Key></Object><Object><Key><![CDATA[c<d]]></Key><VersionId>null</VersionId></Object></Delete>"#,
        #"<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms</SSEAlgorithm><KMSMasterKeyID>alias/x</KMSMasterKeyID></ApplyServerSideEncryptionByDefault><BucketKeyEnabled>true</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>"#,
        #"<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"0123456789abcdef0123456789abcdef"</ETag><ChecksumCRC32>AAAAAA==</ChecksumCRC32></Part><Part><PartNumber>2</PartNumber><ETag>x</ETag></Part></CompleteMultipartUpload>"#,
        #"<?xml version="1.0"?><!-- c --><s3:Delete xmlns:s3="x"><s3:Object><s3:Key>k</s3:Key></s3:Object></s3:Delete>"#,
    ]

    @Test func mutatedBodies() async {
        await propertyCheck(count: Fuzz.count, input: Gen.mutations(of: Self.seeds)) { bytes in
            let body = ByteBuffer(bytes: bytes)
            Fuzz.bounded(bytes) { _ in
                _ = try? BucketXML.locationConstraint(createBucketConfiguration: body)
                _ = try? DeleteXML.parse(body)
                _ = try? EncryptionXML.parse(body)
                _ = try? MultipartXML.parseCompletion(body)
            }
        }
    }

    @Test func unmutatedSeedsParse() throws {
        let buffers = Self.seeds.map { ByteBuffer(string: $0) }
        #expect(try BucketXML.locationConstraint(createBucketConfiguration: buffers[0]) == "us-east-1")
        #expect(try DeleteXML.parse(buffers[1]).keys == ["a&b", "c<d"])
        #expect(try MultipartXML.parseCompletion(buffers[3]).count == 2)
        #expect(try DeleteXML.parse(buffers[4]).keys == ["k"])
    }

    /// Strings drawn from every plane, with the control characters and noncharacters over-represented.
    static let hostileText: Generator<String, Shrink.None<String>> = Generator { rng in
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...40, using: &rng) {
            let value: UInt32 =
                switch Int.random(in: 0..<4, using: &rng) {
                case 0: UInt32.random(in: 0...0x7F, using: &rng)
                case 1: [0x0, 0x1, 0x8, 0xB, 0xC, 0xD, 0x1F, 0x7F, 0xFFFE, 0xFFFF, 0xFFFD].randomElement(using: &rng)!
                case 2: UInt32.random(in: 0x80...0xFFFF, using: &rng)
                default: UInt32.random(in: 0...0x10FFFF, using: &rng)
                }
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(scalars)
    }

    @Test func writerOutputIsAlwaysWellFormed() async throws {
        await propertyCheck(count: Fuzz.count * 4, input: Self.hostileText) { text in
            var xml = XMLWriter()
            xml.open("Doc")
            xml.element("Key", text)
            xml.close("Doc")
            let parsed = try? XMLNode.parse(xml.buffer)
            #expect(parsed?.child("Key")?.text == Self.representable(text), "text \(Fuzz.describe(text))")
        }
    }

    /// An error answer echoing a hostile resource (`PUT /bucket/%00`) is well-formed too.
    @Test func errorDocumentsEchoingControlCharactersAreWellFormed() throws {
        let body = S3Error.malformedXML.document(resource: "/bucket/\u{0}\u{1}\r", requestId: "r")
        let bytes = Array(body.readableBytesView)
        #expect(!String(decoding: bytes, as: UTF8.self).contains("&#0;"))
        let parsed = try XMLNode.parse(ByteBuffer(bytes: bytes))
        #expect(parsed.child("Resource")?.text == "/bucket/\u{FFFD}\u{FFFD}\r")
    }

    /// `text` as XML 1.0 can carry it: each character it cannot carry replaced by U+FFFD.
    static func representable(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let valid = scalar.value >= 0x20 || [0x9, 0xA, 0xD].contains(scalar.value)
            scalars.append(valid && scalar.value != 0xFFFE && scalar.value != 0xFFFF ? scalar : "\u{FFFD}")
        }
        return String(scalars)
    }
}
