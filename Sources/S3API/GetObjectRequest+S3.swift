import HTTPTypes
import ObjectStore

extension GetObjectRequest {
    /// Decodes a GetObject or HeadObject: `Range`, `?partNumber`, the conditional headers and `?versionId`.
    ///
    /// A `Range` that is not one syntactically valid byte range is ignored, as S3 does. SSE headers are refused
    /// (`InvalidArgument`): the store remembers how an object is encrypted.
    init(s3 headers: HTTPFields, query: S3Query, address: ObjectAddress, requester: DataKeyRequester) throws(S3Error) {
        if headers[.amzServerSideEncryption] != nil || headers[.amzSSEKMSKeyId] != nil {
            throw .sseHeaderNotSupported
        }
        if let versionId = query["versionId"], versionId != "null" {
            throw .invalidArgument("Invalid version id specified", name: "versionId", value: versionId)
        }
        self.init(
            bucket: address.bucket,
            key: address.key,
            range: headers[.range].flatMap(ByteRangeRequest.init(header:)),
            partNumber: try Self.partNumber(query, range: headers[.range]),
            conditions: ObjectConditions(
                ifMatch: headers[.ifMatch],
                ifNoneMatch: headers[.ifNoneMatch],
                ifModifiedSince: headers[.ifModifiedSince].flatMap(HTTPDate.parse),
                ifUnmodifiedSince: headers[.ifUnmodifiedSince].flatMap(HTTPDate.parse)
            ),
            requester: requester
        )
    }

    /// `?partNumber=`: 1 to 10,000 (else `InvalidArgument`), and never with a `Range` header (`InvalidRequest`), as on
    /// AWS.
    private static func partNumber(_ query: S3Query, range: String?) throws(S3Error) -> Int? {
        guard let value = query["partNumber"] else { return nil }
        guard let number = Int(value), (1...10_000).contains(number) else {
            throw .invalidArgument(
                "Part number must be an integer between 1 and 10000, inclusive", name: "partNumber", value: value)
        }
        if range != nil { throw .invalidRequest("Cannot specify both Range header and partNumber query parameter") }
        return number
    }
}
