import Foundation
import HTTPTypes
import ObjectStore

extension EncryptionRequest {
    /// Decodes the SSE request headers of a PutObject (protocol notes §4.1); the store resolves them against the
    /// bucket default.
    /// - Throws: `InvalidRequest` for SSE-C over plain HTTP, `InvalidArgument` for an unknown algorithm, a bad
    ///   context or a bad bucket-key flag, `NotImplemented` for DSSE-KMS.
    init(s3 headers: HTTPFields) throws(S3Error) {
        if headers[.amzSSECustomerAlgorithm] != nil || headers[.amzSSECustomerKey] != nil {
            throw .invalidRequest(
                "Requests specifying Server Side Encryption with Customer provided keys must be made over a secure "
                    + "connection.")
        }
        self.init(
            algorithm: try Self.algorithm(headers[.amzServerSideEncryption]),
            kmsKeyId: headers[.amzSSEKMSKeyId].flatMap { $0.isEmpty ? nil : $0 },
            context: try headers[.amzSSEContext].map(Self.decodeContext),
            bucketKeyEnabled: try headers[.amzSSEBucketKeyEnabled].map(Self.bucketKeyFlag)
        )
    }

    private static func algorithm(_ value: String?) throws(S3Error) -> SSEAlgorithm? {
        guard let value else { return nil }
        if let algorithm = SSEAlgorithm(rawValue: value) { return algorithm }
        if value == "aws:kms:dsse" { throw .notImplemented("x-amz-server-side-encryption") }
        throw .invalidArgument(
            "The encryption method specified is not supported", name: "x-amz-server-side-encryption", value: value)
    }

    static let contextMessage =
        "The header 'x-amz-server-side-encryption-context' shall be Base64-encoded UTF-8 string holding JSON which "
        + "represents a string-string map"

    /// `x-amz-server-side-encryption-context`: base64 of a JSON object of strings.
    static func decodeContext(_ value: String) throws(S3Error) -> [String: String] {
        guard let json = Data(base64Encoded: value),
            let context = try? JSONDecoder().decode([String: String].self, from: json)
        else { throw .invalidArgument(contextMessage, name: "x-amz-server-side-encryption-context") }
        return context
    }

    private static func bucketKeyFlag(_ value: String) throws(S3Error) -> Bool {
        switch value.lowercased() {
        case "true": return true
        case "false": return false
        default:
            throw .invalidArgument(
                "Invalid value for x-amz-server-side-encryption-bucket-key-enabled",
                name: "x-amz-server-side-encryption-bucket-key-enabled", value: value)
        }
    }
}

extension ObjectEncryptionInfo {
    /// Adds the SSE response headers: the algorithm, the full key ARN for SSE-KMS, the bucket-key flag only when
    /// true, and (PutObject only) the user's context as base64 JSON.
    func addHeaders(to headers: inout HTTPFields, includeContext: Bool) {
        headers[.amzServerSideEncryption] = algorithm.rawValue
        guard algorithm == .awsKMS else { return }
        if let kmsKeyArn { headers[.amzSSEKMSKeyId] = kmsKeyArn }
        if bucketKeyEnabled { headers[.amzSSEBucketKeyEnabled] = "true" }
        if includeContext, let userContext, !userContext.isEmpty {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            if let json = try? encoder.encode(userContext) { headers[.amzSSEContext] = json.base64EncodedString() }
        }
    }
}
