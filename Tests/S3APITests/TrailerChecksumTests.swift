import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import Testing

/// Every checksum algorithm in the aws-chunked trailer form: a right value is stored and echoed, a wrong one is
/// `BadDigest` with AWS's message, a malformed one `InvalidRequest`; nothing is stored on failure. (The header form of
/// each algorithm is in `ObjectTests.checksumHeadersAreVerifiedAndReturned`.)
@Suite struct TrailerChecksumTests {
    /// The CRC catalogue's check input.
    static let data = Array("123456789".utf8)

    static func base64(_ bytes: some Sequence<UInt8>) -> String { Data(bytes).base64EncodedString() }

    /// Each algorithm with the digest of ``data`` from an independent source: the CRC catalogue check values
    /// (CRC-32/ISO-HDLC, CRC-32/ISCSI, CRC-64/NVME) and swift-crypto's SHA-1 and SHA-256.
    static let cases: [(algorithm: String, value: String, size: Int)] = [
        ("crc32", base64(withUnsafeBytes(of: UInt32(0xCBF4_3926).bigEndian, Array.init)), 4),
        ("crc32c", base64(withUnsafeBytes(of: UInt32(0xE306_9283).bigEndian, Array.init)), 4),
        ("crc64nvme", base64(withUnsafeBytes(of: UInt64(0xAE8B_1486_0A79_9888).bigEndian, Array.init)), 8),
        ("sha1", base64(Insecure.SHA1.hash(data: data)), 20),
        ("sha256", base64(SHA256.hash(data: data)), 32),
    ]

    static let arguments: [(AWSChunkedUpload.Mode, String, String, Int)] = [
        AWSChunkedUpload.Mode.signedTrailer, .unsignedTrailer,
    ].flatMap { mode in cases.map { (mode, $0.algorithm, $0.value, $0.size) } }

    @Test(arguments: arguments)
    func trailerChecksumsAreVerified(mode: AWSChunkedUpload.Mode, algorithm: String, value: String, size: Int)
        async throws
    {
        try await S3TestHarness.run { _, client in
            let name = "x-amz-checksum-\(algorithm)"
            var upload = AWSChunkedUpload(mode: mode, data: Self.data)
            upload.trailer = (name, value)
            let put = try await client.put("/bucket1/good", upload: upload)
            #expect(put.status == .ok, "\(put.text)")
            #expect(put.headers[HTTPField.Name(name)!] == value)
            let get = try await client.get("/bucket1/good", headers: [("x-amz-checksum-mode", "ENABLED")])
            #expect(get.headers[HTTPField.Name(name)!] == value)

            upload.trailer = (name, Self.base64([UInt8](repeating: 0, count: size)))
            let bad = try await client.put("/bucket1/bad", upload: upload)
            #expect(bad.status == .badRequest)
            #expect(bad.errorCode == "BadDigest")
            #expect(
                bad.xml("Message")
                    == "The \(algorithm.uppercased()) you specified did not match the calculated checksum.")

            upload.trailer = (name, "not base64!")
            let malformed = try await client.put("/bucket1/bad", upload: upload)
            #expect(malformed.status == .badRequest)
            #expect(malformed.errorCode == "InvalidRequest")
            #expect(malformed.xml("Message") == "Value for \(name) header is invalid.")
            #expect(try await client.get("/bucket1/bad").errorCode == "NoSuchKey")
        }
    }
}
