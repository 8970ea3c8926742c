import NIOCore
import Testing

@testable import S3API

/// S3 XML bodies with a document type declaration or an entity declaration are refused as `MalformedXML`,
/// before libxml2 reads them: no entity expansion, no external resource, whatever the shape.
@Suite("XML hardening")
struct XMLHardeningTests {
    static let refused: [[UInt8]] =
        [
            #"<!DOCTYPE Delete><Delete><Object><Key>k</Key></Object></Delete>"#,
            #"<?xml version="1.0"?><!DOCTYPE Delete [<!ENTITY k "key">]><Delete><Object><Key>&k;</Key></Object></Delete>"#,
            #"<!DOCTYPE Delete SYSTEM "file:///etc/passwd"><Delete><Object><Key>k</Key></Object></Delete>"#,
            """
            <?xml version="1.0"?>
            <!-- a comment first -->
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <Delete><Object><Key>&lol2;</Key></Object></Delete>
            """,
            #"<!ENTITY x "y"><Delete><Object><Key>k</Key></Object></Delete>"#,
            #"<?xml version="1.0" encoding="UTF-16"?><Delete><Object><Key>k</Key></Object></Delete>"#,
            "<\u{0}D\u{0}e\u{0}l\u{0}>\u{0}",
        ].map { Array($0.utf8) } + [
            // UTF-16 with a byte order mark would hide its markup (a DOCTYPE too) from the byte scan.
            [0xFE, 0xFF]
                + "<Delete><Object><Key>k</Key></Object></Delete>".utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        ]

    @Test("A DOCTYPE or ENTITY declaration is MalformedXML", arguments: refused)
    func declarationsAreRefused(body: [UInt8]) {
        let buffer = ByteBuffer(bytes: body)
        #expect(throws: S3Error.malformedXML) { try XMLNode.parse(buffer) }
        #expect(throws: S3Error.malformedXML) { try DeleteXML.parse(buffer) }
    }

    @Test func refusedForEveryShape() {
        let doctype = #"<!DOCTYPE x [<!ENTITY e "v">]>"#
        let bodies = [
            "<CreateBucketConfiguration><LocationConstraint>&e;</LocationConstraint></CreateBucketConfiguration>",
            "<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256"
                + "</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>",
            "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>&e;</ETag></Part></CompleteMultipartUpload>",
        ].map { ByteBuffer(string: doctype + $0) }
        #expect(throws: S3Error.malformedXML) { try BucketXML.locationConstraint(createBucketConfiguration: bodies[0]) }
        #expect(throws: S3Error.malformedXML) { try EncryptionXML.parse(bodies[1]) }
        #expect(throws: S3Error.malformedXML) { try MultipartXML.parseCompletion(bodies[2]) }
    }

    static let accepted = [
        #"<Delete><Object><Key>k</Key></Object></Delete>"#,
        #"<?xml version="1.0" encoding="UTF-8"?><Delete><Object><Key>k</Key></Object></Delete>"#,
        "\u{FEFF}<?xml version='1.0' encoding='utf-8' ?>\r\n<!-- <!DOCTYPE in a comment> -->\n<Delete>"
            + "<Object><Key><![CDATA[<!DOCTYPE x>]]></Key></Object></Delete>",
        #"<s3:Delete xmlns:s3="http://s3.amazonaws.com/doc/2006-03-01/"><s3:Object><s3:Key>k</s3:Key></s3:Object></s3:Delete>"#,
    ]

    @Test("Plain prologs still parse", arguments: accepted)
    func plainPrologsParse(body: String) throws {
        #expect(try DeleteXML.parse(ByteBuffer(string: body)).keys.count == 1)
    }
}

/// Regression, found by `Fuzz: S3 XML`: a body whose element name is not valid UTF-8 trapped inside Foundation's
/// `XMLParser` (`_NSXMLParserStartElementNs`), taking the whole server down with one PUT `?encryption`.
@Suite("XML hardening: encoding")
struct XMLEncodingTests {
    static let invalid: [[UInt8]] = [
        Array("<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><KM".utf8) + [0xD3]
            + Array("MasterKeyID>a</KM".utf8) + [0xD3]
            + Array("MasterKeyID></ApplyServerSideEncryptionByDefault>".utf8),
        Array("<Delete><Object><Key>".utf8) + [0xFF, 0xFE] + Array("</Key></Object></Delete>".utf8),
        Array("<Del".utf8) + [0xC0, 0x80] + Array("ete/>".utf8),
        Array("<Delete><Object><Key>".utf8) + [0xED, 0xA0, 0x80] + Array("</Key></Object></Delete>".utf8),
    ]

    @Test("Invalid UTF-8 anywhere is MalformedXML", arguments: invalid)
    func invalidUTF8IsRefused(body: [UInt8]) {
        #expect(throws: S3Error.malformedXML) { try XMLNode.parse(ByteBuffer(bytes: body)) }
        #expect(throws: S3Error.malformedXML) { try EncryptionXML.parse(ByteBuffer(bytes: body)) }
    }
}
