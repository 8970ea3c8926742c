import Crypto
import Foundation
import Testing

@testable import ObjectStore

@Suite("Checksums and digests")
struct ChecksumTests {
    /// RFC 3720 §B.4 vectors and the CRC-32C check value.
    static let crc32cVectors: [([UInt8], UInt32)] = [
        (Array("123456789".utf8), 0xE306_9283),
        ([UInt8](repeating: 0, count: 32), 0x8A91_36AA),
        ([UInt8](repeating: 0xFF, count: 32), 0x62A8_AB43),
        ((0..<32).map { UInt8($0) }, 0x46DD_794E),
        ((0..<32).map { UInt8(31 - $0) }, 0x113F_DB5C),
        ([], 0),
    ]

    @Test(arguments: crc32cVectors)
    func crc32cKnownVectors(input: [UInt8], expected: UInt32) {
        var crc = CRC32C()
        input.withUnsafeBytes { crc.update($0) }
        #expect(crc.value == expected)
    }

    /// A 1,000-byte input checked against a bitwise Python reference and zlib.
    static let longInput = (0..<1000).map { UInt8($0 % 251) }

    @Test func crc32cLongInputMatchesBitwiseReference() {
        var crc = CRC32C()
        Self.longInput.withUnsafeBytes { crc.update($0) }
        #expect(crc.value == 0x11F6_6220)
        #expect(Self.longInput.withUnsafeBytes { ChecksumAccumulator.zlibCRC32(0, $0) } == 0x7217_46A6)
    }

    /// CRC catalogue check value, plus values from a bitwise Python reference.
    static let crc64Vectors: [([UInt8], UInt64)] = [
        (Array("123456789".utf8), 0xAE8B_1486_0A79_9888),
        ([], 0),
        ([UInt8](repeating: 0, count: 32), 0xCF34_7343_4D4E_CF3B),
        (longInput, 0x3A2D_3571_B699_8416),
    ]

    @Test(arguments: crc64Vectors)
    func crc64nvmeKnownVectors(input: [UInt8], expected: UInt64) {
        var crc = CRC64NVME()
        input.withUnsafeBytes { crc.update($0) }
        #expect(crc.value == expected)
        var pieces = CRC64NVME()
        for split in stride(from: 0, to: input.count, by: 13) {
            input[split..<min(split + 13, input.count)].withUnsafeBytes { pieces.update($0) }
        }
        #expect(pieces.value == expected)
    }

    @Test func crc32cIsIncrementalAcrossOddSplits() {
        let bytes = testBytes(1000)
        var whole = CRC32C()
        bytes.withUnsafeBytes { whole.update($0) }
        var pieces = CRC32C()
        for split in stride(from: 0, to: 1000, by: 13) {
            bytes[split..<min(split + 13, 1000)].withUnsafeBytes { pieces.update($0) }
        }
        #expect(pieces.value == whole.value)
    }

    @Test func zlibCRC32CheckValue() {
        let value = Array("123456789".utf8).withUnsafeBytes { ChecksumAccumulator.zlibCRC32(0, $0) }
        #expect(value == 0xCBF4_3926)
    }

    static func base64(_ bytes: some Sequence<UInt8>) -> String { Data(bytes).base64EncodedString() }

    @Test func storesRequestedChecksumsAndVerifiesValues() async throws {
        try await StoreFixture.with { fixture in
            let body = Array("123456789".utf8)
            let sha256 = Self.base64(SHA256.hash(data: body))
            let result = try await fixture.put("k", body) { request in
                request.contentMD5 = Self.base64(Insecure.MD5.hash(data: body))
                request.checksums = [
                    ChecksumRequest(.crc32, expected: .value(Self.base64(UInt32(0xCBF4_3926).bigEndianBytes))),
                    ChecksumRequest(.crc32c, expected: .trailer({ Self.base64(UInt32(0xE306_9283).bigEndianBytes) })),
                    ChecksumRequest(.sha256, expected: .value(sha256)),
                    ChecksumRequest(.sha1),
                    ChecksumRequest(.crc64nvme, expected: .value("rosUhgp5mIg=")),
                ]
            }
            #expect(result.checksums.crc32 == "y/Q5Jg==")
            #expect(result.checksums.crc32c == "4waSgw==")
            #expect(result.checksums.sha256 == sha256)
            #expect(result.checksums.crc64nvme == "rosUhgp5mIg=")
            #expect(result.checksums.sha1 == Self.base64(Insecure.SHA1.hash(data: body)))
            let head = try await fixture.store.headObject(
                GetObjectRequest(bucket: "bucket1", key: "k", requester: StoreFixture.requester))
            #expect(head.info.checksums == result.checksums)
        }
    }

    @Test func mismatchesAreRejectedAndLeaveNothing() async throws {
        try await StoreFixture.with { fixture in
            let body = testBytes(5000)
            let wrongMD5 = Self.base64(Insecure.MD5.hash(data: [1]))
            await fixture.expectError(.badDigest) { try await fixture.put("k", body) { $0.contentMD5 = wrongMD5 } }
            await fixture.expectError(.invalidDigest) { try await fixture.put("k", body) { $0.contentMD5 = "abc" } }
            await fixture.expectError(.invalidDigest) {
                try await fixture.put("k", body) { $0.contentMD5 = Self.base64([1, 2]) }
            }
            await fixture.expectError(.badDigest) {
                try await fixture.put("k", body) {
                    $0.checksums = [ChecksumRequest(.crc32, expected: .value("AAAAAA=="))]
                }
            }
            await fixture.expectError(.badDigest) {
                try await fixture.put("k", body) {
                    $0.checksums = [ChecksumRequest(.crc32c, expected: .trailer({ "AAAAAA==" }))]
                }
            }
            await fixture.expectError(.invalidRequest) {
                try await fixture.put("k", body) {
                    $0.checksums = [ChecksumRequest(.sha256, expected: .value("AAAAAA=="))]
                }
            }
            do {
                try await fixture.put("k", body) { $0.contentMD5 = wrongMD5 }
            } catch let error as ObjectStoreError {
                #expect(error.details.expectedDigest == wrongMD5)
                #expect(error.details.calculatedDigest == Self.base64(Insecure.MD5.hash(data: body)))
            }
            await fixture.expectError(.noSuchKey) { _ = try await fixture.get("k") }
            #expect(fixture.allFiles().filter { $0.contains("/objects/") }.isEmpty)
        }
    }

    @Test func oversizedBodiesAreRejected() async throws {
        let limit: (inout ObjectStoreConfiguration) -> Void = { $0.maximumObjectSize = 1000 }
        try await StoreFixture.with(configure: limit) { fixture in
            await fixture.expectError(.entityTooLarge) { try await fixture.put("k", testBytes(1001)) }
            await fixture.expectError(.entityTooLarge) { try await fixture.put("k", []) { $0.contentLength = 5000 } }
            try await fixture.put("k", testBytes(1000))
        }
    }
}
