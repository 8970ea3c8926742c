import HTTPTypes
import ObjectStore

extension GetObjectRequest {
    /// Decodes a GetObject or HeadObject: `Range`, the conditional headers and `?versionId`.
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
            conditions: ObjectConditions(
                ifMatch: headers[.ifMatch],
                ifNoneMatch: headers[.ifNoneMatch],
                ifModifiedSince: headers[.ifModifiedSince].flatMap(HTTPDate.parse),
                ifUnmodifiedSince: headers[.ifUnmodifiedSince].flatMap(HTTPDate.parse)
            ),
            requester: requester
        )
    }
}
