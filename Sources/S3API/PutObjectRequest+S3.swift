import Foundation
import HTTPTypes
import ObjectStore

extension PutObjectRequest {
    /// Decodes a PutObject's headers: content headers, `x-amz-meta-*`, canned ACL, SSE, `Content-MD5` and checksums.
    /// - Parameters:
    ///   - trailers: where the body publishes its trailing checksums (aws-chunked with `x-amz-trailer`).
    ///   - declaredLength: the payload length, when known, to refuse oversized bodies before reading them.
    init(
        s3 headers: HTTPFields, address: ObjectAddress, requester: DataKeyRequester, trailers: TrailerStore,
        declaredLength: Int64?
    ) throws(S3Error) {
        self.init(bucket: address.bucket, key: address.key, requester: requester)
        self.metadata = try ObjectMetadata(s3: headers)
        self.encryption = try EncryptionRequest(s3: headers)
        self.contentMD5 = headers[.contentMD5]
        self.checksums = ChecksumHeaders.requests(headers, trailers: trailers)
        self.contentLength = declaredLength
    }
}

extension ChecksumHeaders {
    /// The checksums to verify (header values, trailers) or just compute (`x-amz-sdk-checksum-algorithm`), for
    /// PutObject and UploadPart.
    ///
    /// Trailers naming an algorithm the store does not know are neither verified nor stored.
    static func requests(_ headers: HTTPFields, trailers: TrailerStore) -> [ChecksumRequest] {
        var requests: [ChecksumRequest] = []
        for (algorithm, name) in ChecksumHeaders.all {
            if let value = headers[name] {
                requests.append(ChecksumRequest(algorithm, expected: .value(value)))
            }
        }
        for trailer in S3RequestBody.Encoding.trailerNames(headers) {
            guard let algorithm = ChecksumHeaders.algorithm(named: trailer),
                !requests.contains(where: { $0.algorithm == algorithm })
            else { continue }
            requests.append(ChecksumRequest(algorithm, expected: .trailer { trailers.value(trailer) }))
        }
        if let name = headers[.amzSDKChecksumAlgorithm],
            let algorithm = ChecksumAlgorithm(rawValue: name.uppercased()), algorithm != .md5,
            !requests.contains(where: { $0.algorithm == algorithm })
        {
            requests.append(ChecksumRequest(algorithm))
        }
        return requests
    }
}

/// The `x-amz-checksum-*` headers and the algorithms they carry.
enum ChecksumHeaders {
    static let all: [(ChecksumAlgorithm, HTTPField.Name)] = [
        (.crc32, .amzChecksumCRC32), (.crc32c, .amzChecksumCRC32C), (.crc64nvme, .amzChecksumCRC64NVME),
        (.sha1, .amzChecksumSHA1), (.sha256, .amzChecksumSHA256),
    ]

    /// The algorithm of a lower-case header name such as `x-amz-checksum-crc32`.
    static func algorithm(named name: String) -> ChecksumAlgorithm? {
        all.first { $0.1.canonicalName == name }?.0
    }

    /// Adds a header per stored checksum.
    static func add(_ checksums: ObjectChecksums, to headers: inout HTTPFields) {
        for (algorithm, name) in all {
            if let value = checksums[algorithm] { headers[name] = value }
        }
    }
}

extension ObjectMetadata {
    /// The canned ACLs S3 accepts in `x-amz-acl`.
    static let cannedACLs: Set<String> = [
        "private", "public-read", "public-read-write", "authenticated-read", "aws-exec-read", "bucket-owner-read",
        "bucket-owner-full-control", "log-delivery-write",
    ]

    /// The largest total size of `x-amz-meta-*` names and values: 2 KB.
    static let maxUserMetadataSize = 2048

    /// Content headers (`aws-chunked` removed from `Content-Encoding`), `x-amz-meta-*` and the canned ACL.
    init(s3 headers: HTTPFields) throws(S3Error) {
        self.init(
            contentType: headers[.contentType],
            contentEncoding: Self.storedContentEncoding(headers[.contentEncoding]),
            contentDisposition: headers[.contentDisposition],
            contentLanguage: headers[.contentLanguage],
            cacheControl: headers[.cacheControl],
            expires: headers[.expires],
            cannedACL: try Self.cannedACL(headers)
        )
        var size = 0
        for field in headers where field.name.canonicalName.hasPrefix("x-amz-meta-") {
            let name = String(field.name.canonicalName.dropFirst("x-amz-meta-".count))
            size += name.utf8.count + field.value.utf8.count
            userMetadata[name] = userMetadata[name].map { $0 + "," + field.value } ?? field.value
        }
        guard size <= Self.maxUserMetadataSize else {
            throw S3Error(
                "MetadataTooLarge", .badRequest, "Your metadata headers exceed the maximum allowed metadata size.")
        }
    }

    /// Validates `x-amz-acl`.
    static func cannedACL(_ headers: HTTPFields) throws(S3Error) -> String? {
        guard let acl = headers[.amzACL] else { return nil }
        guard cannedACLs.contains(acl) else { throw .invalidArgument("", name: "x-amz-acl", value: acl) }
        return acl
    }

    /// `Content-Encoding` without the `aws-chunked` transfer coding, nil when nothing else remains.
    static func storedContentEncoding(_ value: String?) -> String? {
        guard let value else { return nil }
        guard value.contains("aws-chunked") else { return value }
        let codings = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && $0 != "aws-chunked" }
        return codings.isEmpty ? nil : codings.joined(separator: ",")
    }
}
