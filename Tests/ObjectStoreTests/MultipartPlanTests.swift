import CZlib
import Crypto
import Foundation
import Testing

@testable import ObjectStore

/// The multipart rules as pure functions: part-list validation, ETag and checksum composition. No I/O.
@Suite("Multipart completion plan")
struct MultipartPlanTests {
    static func part(_ number: Int, size: Int64, seed: UInt8 = 0) -> PartRow {
        let bytes = testBytes(Int(size), seed: seed &+ UInt8(number))
        return PartRow(
            partNumber: number, blobId: Data(repeating: UInt8(number), count: 16), partSalt: Data(count: 32),
            size: size, etag: Data(Insecure.MD5.hash(data: bytes)).hexString, lastModified: 0, segmentSize: 1024,
            checksums: ObjectChecksums())
    }

    static let stored = [part(1, size: 100), part(2, size: 100), part(3, size: 40), part(4, size: 100)]

    static func listed(_ numbers: [Int], in parts: [PartRow] = stored) -> [CompletedPart] {
        numbers.map { number in CompletedPart(partNumber: number, etag: "\"\(parts[number - 1].etag)\"") }
    }

    static func plan(_ requested: [CompletedPart], minimum: Int64 = 100) throws(ObjectStoreError) -> CompletionPlan {
        try CompletionPlan(requested: requested, stored: stored, minimumPartSize: minimum, checksum: nil)
    }

    @Test func aValidListKeepsOrderOffsetsAndDiscardsUnlistedParts() throws {
        let plan = try Self.plan(Self.listed([1, 2, 3]))
        #expect(plan.parts.map(\.part.partNumber) == [1, 2, 3])
        #expect(plan.parts.map(\.offset) == [0, 100, 200])
        #expect(plan.size == 240)
        #expect(plan.discarded.map(\.partNumber) == [4])
    }

    @Test func gapsInPartNumbersAreAllowed() throws {
        let plan = try Self.plan(Self.listed([2, 4]))
        #expect(plan.parts.map(\.offset) == [0, 100])
        #expect(plan.discarded.map(\.partNumber) == [1, 3])
    }

    @Test func theETagIsTheMD5OfTheBinaryPartMD5sWithTheCount() throws {
        let plan = try Self.plan(Self.listed([1, 2]))
        var concatenated = Data()
        for part in Self.stored.prefix(2) {
            concatenated += Data(Self.stored[part.partNumber - 1].etag.hexBytes)
        }
        #expect(plan.etag == Data(Insecure.MD5.hash(data: concatenated)).hexString + "-2")
        // An independent vector (Python hashlib): md5(md5("a") || md5("b")).
        let a = Data(Insecure.MD5.hash(data: Data("a".utf8))).hexString
        let b = Data(Insecure.MD5.hash(data: Data("b".utf8))).hexString
        #expect(CompletionPlan.etag([a, b]) == "96e024ba2074fe77e8e965ba43a704be-2")
    }

    @Test(arguments: [
        ([2, 1], ObjectStoreError.Kind.invalidPartOrder),
        ([1, 1], .invalidPartOrder),
        ([1, 5], .invalidPart),
        ([], .malformedXML),
        ([0, 1], .invalidArgument),
        ([3, 4], .entityTooSmall),
    ])
    func invalidListsAreRefused(_ numbers: [Int], _ kind: ObjectStoreError.Kind) {
        let requested = numbers.map { number in
            CompletedPart(partNumber: number, etag: number >= 1 && number <= 4 ? Self.stored[number - 1].etag : "x")
        }
        #expect(throws: ObjectStoreError.self) { try Self.plan(requested) }
        do {
            _ = try Self.plan(requested)
        } catch {
            #expect(error.kind == kind)
        }
    }

    @Test func aWrongETagIsAnInvalidPartButQuotesAndCaseDoNotMatter() throws {
        var requested = Self.listed([1, 2])
        requested[1].etag = "\"" + Self.stored[1].etag.uppercased() + "\""
        #expect(throws: Never.self) { try Self.plan(requested) }
        requested[1].etag = Self.stored[0].etag
        #expect(throws: ObjectStoreError.invalidPart(2)) { try Self.plan(requested) }
    }

    @Test func onlyTheLastPartMayBeSmall() throws {
        #expect(throws: Never.self) { try Self.plan(Self.listed([1, 3])) }
        #expect(throws: ObjectStoreError.entityTooSmall(partNumber: 3, size: 40, minimum: 100)) {
            try Self.plan(Self.listed([3, 4]))
        }
    }

    @Test func moreThanTenThousandPartsIsMalformed() {
        let requested = (1...10_001).map { CompletedPart(partNumber: $0, etag: "") }
        #expect(throws: ObjectStoreError.malformedXML) { try Self.plan(requested) }
    }

    @Test func listedChecksumsMustMatchTheStoredOnes() throws {
        var parts = Self.stored
        parts[0].checksumCrc32 = "AAAAAA=="
        var requested = Self.listed([1, 2], in: parts)
        requested[0].checksums.crc32 = "AAAAAQ=="
        #expect(throws: ObjectStoreError.invalidPart(1)) {
            try CompletionPlan(requested: requested, stored: parts, minimumPartSize: 1, checksum: nil)
        }
    }

    @Test(arguments: [ChecksumAlgorithm.crc32, .crc32c, .crc64nvme])
    func fullObjectCRCsCombineToTheCRCOfTheWholeObject(_ algorithm: ChecksumAlgorithm) {
        let pieces = [
            testBytes(3000, seed: 1), testBytes(0, seed: 2), testBytes(1, seed: 3), testBytes(70_000, seed: 4),
        ]
        let choice = MultipartChecksum(algorithm: algorithm, type: .fullObject)
        let combined = choice.combine(pieces.map { (MultipartChecksum.digest(algorithm, $0), Int64($0.count)) })
        #expect(combined == MultipartChecksum.digest(algorithm, pieces.flatMap { $0 }))
    }

    @Test func crc32CombineAgreesWithZlib() {
        let a = testBytes(1234, seed: 7)
        let b = testBytes(777, seed: 8)
        let crcA = a.withUnsafeBytes { ChecksumAccumulator.zlibCRC32(0, $0) }
        let crcB = b.withUnsafeBytes { ChecksumAccumulator.zlibCRC32(0, $0) }
        let zlib = UInt64(crc32_combine(uLong(crcA), uLong(crcB), 777))
        #expect(CRCCombine.crc32.combine(UInt64(crcA), UInt64(crcB), secondLength: 777) == zlib)
    }

    @Test func compositeChecksumsHashTheBinaryPartChecksums() throws {
        let pieces = [testBytes(100, seed: 1), testBytes(50, seed: 2)]
        let choice = MultipartChecksum(algorithm: .sha256, type: .composite)
        let partSums = pieces.map { MultipartChecksum.digest(.sha256, $0) }
        let binary = partSums.flatMap { Array(Data(base64Encoded: $0)!) }
        let expected = Data(SHA256.hash(data: binary)).base64EncodedString() + "-2"
        #expect(choice.combine(zip(partSums, pieces).map { ($0, Int64($1.count)) }) == expected)
    }

    @Test func checksumTypeRulesFollowS3() throws {
        #expect(try MultipartChecksum.resolve(algorithm: .crc32, type: nil)?.type == .composite)
        #expect(try MultipartChecksum.resolve(algorithm: .crc64nvme, type: nil)?.type == .fullObject)
        #expect(try MultipartChecksum.resolve(algorithm: .crc32c, type: "full_object")?.type == .fullObject)
        #expect(try MultipartChecksum.resolve(algorithm: nil, type: nil) == nil)
        for (algorithm, type) in [(ChecksumAlgorithm.sha256, "FULL_OBJECT"), (.crc64nvme, "COMPOSITE"), (.crc32, "X")] {
            #expect(throws: ObjectStoreError.self) { try MultipartChecksum.resolve(algorithm: algorithm, type: type) }
        }
    }
}

extension String {
    /// The bytes of a hex string (tests).
    var hexBytes: [UInt8] {
        var bytes: [UInt8] = []
        var index = startIndex
        while index < endIndex {
            let next = self.index(index, offsetBy: 2)
            bytes.append(UInt8(self[index..<next], radix: 16)!)
            index = next
        }
        return bytes
    }
}
