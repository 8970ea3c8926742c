import NIOCore
import Testing

@testable import S3API

/// The decoder alone, fed in every split of its input: data must come out whole and in order wherever the
/// network cuts the framing.
@Suite struct AWSChunkedDecoderTests {
    static let body = "5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n"

    static func decode(_ pieces: [String]) throws(S3Error) -> (String, AWSChunkedDecoder) {
        var decoder = AWSChunkedDecoder(signatures: nil, signedTrailer: false)
        var output = ""
        for piece in pieces {
            var input = ByteBuffer(string: piece)
            loop: while true {
                switch try decoder.next(from: &input) {
                case .data(let data): output += String(buffer: data)
                case .needsInput, .finished: break loop
                }
            }
        }
        try decoder.endOfInput()
        return (output, decoder)
    }

    @Test func decodesWhateverTheSplit() throws {
        let bytes = Array(Self.body)
        for cut in 0...bytes.count {
            let (output, decoder) = try Self.decode([String(bytes[..<cut]), String(bytes[cut...])])
            #expect(output == "hello world", "cut at \(cut)")
            #expect(decoder.decodedLength == 11)
            #expect(decoder.trailers.map(\.name) == ["x-amz-checksum-crc32"])
            #expect(decoder.trailers.first?.value == "DUoRhQ==")
        }
        let (output, _) = try Self.decode(bytes.map { String($0) })
        #expect(output == "hello world")
    }

    @Test func aMissingFinalEmptyLineIsTolerated() throws {
        #expect(try Self.decode(["5\r\nhello\r\n0\r\n"]).0 == "hello")
    }

    @Test(arguments: [
        "5\r\nhello", "5\nhello\r\n0\r\n\r\n", "g\r\n", "5\r\nhelloX\r\n0\r\n\r\n", "1234567890123456\r\n",
    ])
    func malformedBodiesAreRefused(body: String) {
        #expect(throws: S3Error.incompleteBody) { try Self.decode([body]) }
    }

    @Test func overlongLinesAreRefusedWithoutBufferingThem() {
        let long = String(repeating: "a", count: AWSChunkedDecoder.maxLineLength + 1)
        #expect(throws: S3Error.incompleteBody) { try Self.decode(["5;", long]) }
    }
}
