import Foundation

/// The digests a PUT must match: `Content-MD5` and the requested `x-amz-checksum-*` values.
///
/// Values known up front are validated before the body is read (malformed → `invalidDigest` or
/// `invalidRequest`), so a bad header costs no I/O. Trailer values are read after the body ends.
struct ExpectedDigests: Sendable {
    private let contentMD5: (text: String, bytes: [UInt8])?
    private let requests: [ChecksumRequest]

    /// The algorithms to compute besides MD5.
    var algorithms: Set<ChecksumAlgorithm> { Set(requests.map(\.algorithm)) }

    init(_ request: PutObjectRequest) throws {
        try self.init(contentMD5: request.contentMD5, checksums: request.checksums)
    }

    /// Validates a `Content-MD5` and checksum requests (PutObject, UploadPart).
    init(contentMD5: String?, checksums: [ChecksumRequest]) throws {
        if let text = contentMD5 {
            guard let bytes = Data(base64Encoded: text), bytes.count == 16 else { throw ObjectStoreError.invalidDigest }
            self.contentMD5 = (text, Array(bytes))
        } else {
            self.contentMD5 = nil
        }
        for checksum in checksums {
            guard checksum.algorithm != .md5 else {
                throw ObjectStoreError.invalidRequest("MD5 is not a valid x-amz-checksum algorithm")
            }
            if case .value(let value) = checksum.expected {
                try Self.validate(value, checksum.algorithm)
            }
        }
        requests = checksums
    }

    /// The same expectations, also computing `algorithm` (an upload's declared checksum) when not requested.
    func computing(_ algorithm: ChecksumAlgorithm?) -> ExpectedDigests {
        guard let algorithm, !algorithms.contains(algorithm) else { return self }
        return ExpectedDigests(contentMD5: contentMD5, requests: requests + [ChecksumRequest(algorithm)])
    }

    private init(contentMD5: (text: String, bytes: [UInt8])?, requests: [ChecksumRequest]) {
        self.contentMD5 = contentMD5
        self.requests = requests
    }

    /// Compares the computed digests with the expected ones; throws `badDigest` on a mismatch.
    func verify(md5: [UInt8], checksums: ObjectChecksums) async throws {
        if let contentMD5, contentMD5.bytes != md5 {
            throw ObjectStoreError.badDigest(
                .md5, expected: contentMD5.text, calculated: Data(md5).base64EncodedString())
        }
        for request in requests {
            let expected: String?
            switch request.expected {
            case .none: expected = nil
            case .value(let value): expected = value
            case .trailer(let read):
                expected = try await read()
                if let expected { try Self.validate(expected, request.algorithm) }
            }
            let calculated = checksums[request.algorithm] ?? ""
            if let expected, expected != calculated {
                throw ObjectStoreError.badDigest(request.algorithm, expected: expected, calculated: calculated)
            }
        }
    }

    private static func validate(_ value: String, _ algorithm: ChecksumAlgorithm) throws {
        guard let bytes = Data(base64Encoded: value), bytes.count == algorithm.digestSize else {
            throw ObjectStoreError.invalidRequest(
                "Value for x-amz-checksum-\(algorithm.rawValue.lowercased()) header is invalid."
            )
        }
    }
}
