import Foundation
import Testing

@testable import SigV4

/// aws-chunked chunk and trailer signatures.
@Suite("chunk signatures")
struct ChunkSignatureTests {
    /// The S3 documentation example: 64 KiB of 'a', 1 KiB of 'a', then the final empty chunk.
    @Test("AWS documentation streaming example")
    func awsExample() throws {
        let authentication = try AWSExampleTests.verifier(
            secret: AWSExampleTests.streamingSecret, date: "20130524T000000Z"
        )
        .verify(AWSExampleTests.streamingRequest, service: "s3", bodySHA256: nil)
        var calculator = ChunkSignatureCalculator(authentication: authentication)
        #expect(calculator.previousSignature == "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9")
        #expect(
            calculator.nextSignature(chunk: [UInt8](repeating: UInt8(ascii: "a"), count: 65536))
                == "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648"
        )
        #expect(
            calculator.nextSignature(chunk: [UInt8](repeating: UInt8(ascii: "a"), count: 1024))
                == "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497"
        )
        #expect(
            calculator.nextSignature(chunk: [UInt8]())
                == "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9"
        )
    }

    struct Vectors: Decodable {
        struct Chunk: Decodable {
            let character: String
            let length: Int
            let signature: String
        }
        let accessKeyId: String
        let secretAccessKey: String
        let amzDate: String
        let region: String
        let service: String
        let seedSignature: String
        let chunks: [Chunk]
        let trailer: String
        let trailerSignature: String

        var calculator: ChunkSignatureCalculator {
            let date = String(self.amzDate.prefix(8))
            return ChunkSignatureCalculator(
                signingKey: SigningKey(
                    secretAccessKey: self.secretAccessKey, date: date, region: self.region, service: self.service),
                amzDate: self.amzDate,
                scope: "\(date)/\(self.region)/\(self.service)/aws4_request",
                seedSignature: self.seedSignature
            )
        }

        func data(_ chunk: Chunk) -> [UInt8] {
            [UInt8](repeating: chunk.character.utf8.first ?? 0, count: chunk.length)
        }
    }

    static func vectors() throws -> Vectors {
        try JSONDecoder().decode(Vectors.self, from: fixtureData("chunk-signatures"))
    }

    @Test("chunk and trailer vectors verify; the chain advances only on success")
    func vectors() throws {
        let vectors = try Self.vectors()
        var calculator = vectors.calculator
        for chunk in vectors.chunks {
            let sha = hexSHA256(vectors.data(chunk))
            #expect(throws: SigV4Error.self) {
                try calculator.verifyChunk(sha256: sha, signature: chunk.signature.flippingLastCharacter)
            }
            #expect(calculator.previousSignature != chunk.signature)
            try calculator.verifyChunk(sha256: sha, signature: chunk.signature)
            #expect(calculator.previousSignature == chunk.signature)
        }
        let trailer = ChunkSignatureCalculator.canonicalTrailer([("X-Amz-Checksum-Crc32", " DUoRhQ== ")])
        #expect(trailer == vectors.trailer)
        #expect(calculator.trailerSignature(canonicalTrailer: trailer) == vectors.trailerSignature)
        try calculator.verifyTrailer(canonicalTrailer: trailer, signature: vectors.trailerSignature)
        let error = sigV4Error {
            try calculator.verifyTrailer(
                canonicalTrailer: "x-amz-checksum-crc32:AAAAAA==\n", signature: vectors.trailerSignature)
        }
        #expect(error?.code == .signatureMismatch)
        #expect(error?.stringToSign?.hasPrefix("AWS4-HMAC-SHA256-TRAILER\n\(vectors.amzDate)\n") == true)
    }

    @Test("chunks out of order or altered fail")
    func reorderedChunks() throws {
        let vectors = try Self.vectors()
        var calculator = vectors.calculator
        let second = vectors.chunks[1]
        let error = sigV4Error {
            try calculator.verifyChunk(sha256: hexSHA256(vectors.data(second)), signature: second.signature)
        }
        #expect(error?.code == .signatureMismatch)
        var altered = vectors.data(vectors.chunks[0])
        altered[100] = UInt8(ascii: "z")
        #expect(throws: SigV4Error.self) {
            try calculator.verifyChunk(sha256: hexSHA256(altered), signature: vectors.chunks[0].signature)
        }
    }
}
