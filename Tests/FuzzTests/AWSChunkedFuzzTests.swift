import Foundation
import NIOCore
import PropertyBased
import Testing

@testable import S3API
@testable import SigV4

/// The aws-chunked decoder on mutated framings, signed and unsigned, fed in random pieces: it produces data, needs
/// input, finishes or throws `S3Error`; it never loops without consuming input, and never hands out more bytes
/// than it was given.
@Suite("Fuzz: aws-chunked")
struct AWSChunkedFuzzTests {
    static let unsignedBodies = [
        "5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n", "0\r\n\r\n",
        "a\r\n0123456789\r\n0\r\n", "1\r\nx\r\n0\r\nx-amz-checksum-crc32c:AAAAAA==\r\nx-amz-meta:y\r\n\r\n",
    ]

    /// A seed calculator from a real signed streaming request, so signed framings verify before mutation.
    static let calculator: ChunkSignatureCalculator = {
        let signer = SigV4Signer(
            accessKeyId: SignatureFuzzTests.accessKeyId, secretAccessKey: SignatureFuzzTests.secret,
            region: "us-east-1", service: "s3")
        let request = signer.sign(
            SigV4Request(method: "PUT", path: "/b/k", query: "", headers: [("Host", "h")]),
            payloadHash: SigV4Verifier.streamingSignedPayload, date: SignatureFuzzTests.now)
        let authentication = try! SignatureFuzzTests.v4.verify(request, service: "s3", bodySHA256: nil)
        return ChunkSignatureCalculator(authentication: authentication)
    }()

    static var signedBody: String {
        var signatures = calculator
        var body = ""
        for chunk in ["hello", " world", ""] {
            let signature = signatures.nextSignature(chunk: Array(chunk.utf8))
            body += String(chunk.utf8.count, radix: 16) + ";chunk-signature=\(signature)\r\n"
            body += chunk.isEmpty ? "\r\n" : chunk + "\r\n"
        }
        return body
    }

    @Test func unmutatedBodiesDecode() throws {
        #expect(try Self.decode(Array(Self.signedBody.utf8), signed: true, pieces: [3, 50]) == 11)
        #expect(try Self.decode(Array(Self.unsignedBodies[0].utf8), signed: false, pieces: [1]) == 11)
    }

    @Test func mutatedUnsignedFramings() async {
        await propertyCheck(
            count: Fuzz.count, input: Gen.mutations(of: Self.unsignedBodies), Gen.int(in: 1...64).array(of: 1...8)
        ) { body, pieces in
            Fuzz.bounded(body) { _ = try? Self.decode($0, signed: false, pieces: pieces) }
        }
    }

    @Test func mutatedSignedFramings() async {
        await propertyCheck(
            count: Fuzz.count, input: Gen.mutations(of: [Self.signedBody]), Gen.int(in: 1...256).array(of: 1...8)
        ) { body, pieces in
            Fuzz.bounded(body) { _ = try? Self.decode($0, signed: true, pieces: pieces) }
        }
    }

    /// Feeds `body` in pieces of the given sizes (cycled); returns the decoded length. Every step must consume
    /// input or produce data, and the decoded length never exceeds the input's.
    static func decode(_ body: [UInt8], signed: Bool, pieces: [Int]) throws(S3Error) -> Int64 {
        var decoder = AWSChunkedDecoder(signatures: signed ? calculator : nil, signedTrailer: false)
        var offset = 0
        var piece = 0
        while offset < body.count {
            let size = min(pieces[piece % pieces.count], body.count - offset)
            piece += 1
            var input = ByteBuffer(bytes: body[offset..<offset + size])
            offset += size
            for _ in 0...(size + 1) {
                let before = input.readableBytes
                let output = try decoder.next(from: &input)
                if case .data(let data) = output { #expect(data.readableBytes > 0) }
                if case .finished = output { break }
                if case .needsInput = output { break }
                #expect(input.readableBytes < before, "a step neither consumed input nor ended")
            }
        }
        try decoder.endOfInput()
        #expect(decoder.decodedLength <= Int64(body.count))
        return decoder.decodedLength
    }
}
