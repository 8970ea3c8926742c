import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite struct AWSChunkedTests {
    static let data: [UInt8] = (0..<200_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }

    /// CRC-32 (ISO-HDLC), bit by bit: slow and obviously right, an oracle for the store's zlib-based one.
    static func crc32(_ bytes: [UInt8]) -> String {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        let value = ~crc
        return Data(withUnsafeBytes(of: value.bigEndian) { Array($0) }).base64EncodedString()
    }

    @Test(arguments: [AWSChunkedUpload.Mode.signed, .signedTrailer, .unsignedTrailer])
    func uploadsAreDecodedAndVerified(mode: AWSChunkedUpload.Mode) async throws {
        try await S3TestHarness.run { _, client in
            var upload = AWSChunkedUpload(mode: mode, data: Self.data)
            if mode != .signed { upload.trailer = ("x-amz-checksum-crc32", Self.crc32(Self.data)) }
            upload.extraHeaders = [("Content-Type", "application/octet-stream")]
            let put = try await client.put("/bucket1/chunked", upload: upload)
            #expect(put.status == .ok, "\(put.text)")
            if mode != .signed {
                #expect(put.headers[HTTPField.Name("x-amz-checksum-crc32")!] == Self.crc32(Self.data))
            }
            let get = try await client.get("/bucket1/chunked")
            #expect(Array(get.body.readableBytesView) == Self.data)
            #expect(get.headers[.contentEncoding] == nil)
        }
    }

    @Test func contentEncodingKeepsOtherCodings() async throws {
        try await S3TestHarness.run { _, client in
            var upload = AWSChunkedUpload(mode: .signed, data: Array("zipped".utf8))
            upload.extraHeaders = [("Content-Encoding", "gzip")]
            // The signer puts both values in one Content-Encoding header, as "aws-chunked,gzip".
            let put = try await client.put("/bucket1/z", upload: upload)
            #expect(put.status == .ok)
            let get = try await client.get("/bucket1/z")
            #expect(get.headers[.contentEncoding] == "gzip")
        }
    }

    @Test func aTamperedChunkSignatureIsRefusedAndNothingIsStored() async throws {
        try await S3TestHarness.run { _, client in
            for tamper in [0, 2, 4] {  // first, middle and the final empty chunk (200,000 bytes = 4 chunks)
                var upload = AWSChunkedUpload(mode: .signed, data: Self.data)
                upload.tamperChunk = tamper
                let put = try await client.put("/bucket1/tampered", upload: upload)
                #expect(put.status == .forbidden, "chunk \(tamper)")
                #expect(put.errorCode == "SignatureDoesNotMatch")
                #expect(put.xml("StringToSign")?.hasPrefix("AWS4-HMAC-SHA256-PAYLOAD\n") == true)
            }
            #expect(try await client.get("/bucket1/tampered").errorCode == "NoSuchKey")
        }
    }

    @Test func aTamperedTrailerSignatureIsRefused() async throws {
        try await S3TestHarness.run { _, client in
            var upload = AWSChunkedUpload(mode: .signedTrailer, data: Self.data)
            upload.trailer = ("x-amz-checksum-crc32", Self.crc32(Self.data))
            upload.tamperTrailerSignature = true
            let put = try await client.put("/bucket1/t", upload: upload)
            #expect(put.errorCode == "SignatureDoesNotMatch")
            #expect(try await client.get("/bucket1/t").errorCode == "NoSuchKey")
        }
    }

    @Test(arguments: [AWSChunkedUpload.Mode.signedTrailer, .unsignedTrailer])
    func aWrongTrailerChecksumIsABadDigest(mode: AWSChunkedUpload.Mode) async throws {
        try await S3TestHarness.run { _, client in
            var upload = AWSChunkedUpload(mode: mode, data: Self.data)
            upload.trailer = ("x-amz-checksum-crc32", Self.crc32(Array("other".utf8)))
            let put = try await client.put("/bucket1/bad", upload: upload)
            #expect(put.status == .badRequest)
            #expect(put.errorCode == "BadDigest")
            #expect(put.xml("Message") == "The CRC32 you specified did not match the calculated checksum.")
            #expect(try await client.get("/bucket1/bad").errorCode == "NoSuchKey")

            upload.trailer = ("x-amz-checksum-crc32", "not base64!")
            let malformed = try await client.put("/bucket1/bad", upload: upload)
            #expect(malformed.errorCode == (mode == .signedTrailer ? "InvalidRequest" : "InvalidRequest"))
        }
    }

    @Test func theDecodedLengthMustMatch() async throws {
        try await S3TestHarness.run { _, client in
            for declared in [Self.data.count - 1, Self.data.count + 1] {
                var upload = AWSChunkedUpload(mode: .unsignedTrailer, data: Self.data)
                upload.declaredLength = declared
                let put = try await client.put("/bucket1/len", upload: upload)
                #expect(put.status == .badRequest, "\(declared)")
            }
            #expect(try await client.get("/bucket1/len").errorCode == "NoSuchKey")
        }
    }

    @Test func malformedFramingIsRefused() async throws {
        try await S3TestHarness.run { _, client in
            var upload = AWSChunkedUpload(mode: .unsignedTrailer, data: Array("hello".utf8))
            upload.trailer = ("x-amz-checksum-crc32", Self.crc32(Array("hello".utf8)))
            let (uri, headers, _) = upload.request(path: "/bucket1/m")
            for body in ["5\r\nhelloXX0\r\n\r\n", "zz\r\nhello\r\n0\r\n\r\n", "5\r\nhel"] {
                let put = try await client.execute(
                    uri: uri, method: .put, headers: headers, body: ByteBuffer(string: body))
                #expect(put.status == .badRequest, "\(body.debugDescription)")
                #expect(put.errorCode == "IncompleteBody", "\(body.debugDescription)")
            }
            var missingTrailer = headers
            missingTrailer[HTTPField.Name("x-amz-decoded-content-length")!] = "5"
            let put = try await client.execute(
                uri: uri, method: .put, headers: missingTrailer, body: ByteBuffer(string: "5\r\nhello\r\n0\r\n\r\n"))
            #expect(put.errorCode == "InvalidRequest")
        }
    }

    @Test func streamingWithoutDecodedLengthIsRefused() async throws {
        try await S3TestHarness.run { _, client in
            let response = try await client.s3(
                .put, "/bucket1/x", headers: [("Content-Encoding", "aws-chunked")],
                body: ByteBuffer(string: "0\r\n\r\n"), auth: .sigV4(payloadHash: "STREAMING-UNSIGNED-PAYLOAD-TRAILER"))
            #expect(response.status == .lengthRequired)
            #expect(response.errorCode == "MissingContentLength")
        }
    }
}
