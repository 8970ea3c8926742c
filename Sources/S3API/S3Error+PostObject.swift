import HTTPTypes

/// The errors of browser POST uploads, worded as AWS words them.
extension S3Error {
    /// One mapping from the form scanner's errors.
    init(_ error: MultipartFormError) {
        switch error {
        case .malformed, .truncated: self = .malformedPOSTRequest
        case .headerTooLarge: self = .maxPostPreDataLengthExceeded
        }
    }

    static let malformedPOSTRequest = S3Error(
        "MalformedPOSTRequest", .badRequest, "The body of your POST request is not well-formed multipart/form-data.")

    static let maxPostPreDataLengthExceeded = S3Error(
        "MaxPostPreDataLengthExceededError", .badRequest,
        "Your POST request fields preceding the upload file were too large.")

    static let postWithoutFile = S3Error.invalidArgument(
        "POST requires exactly one file upload per request.", name: "file", value: "0")

    /// A field the form must carry is missing (`key`, or a signature field).
    static func postFieldMissing(_ name: String) -> S3Error {
        .invalidArgument(
            "Bucket POST must contain a field named '\(name)'.  If it is specified, please check the order of the "
                + "fields.", name: name)
    }

    /// `Invalid according to Policy: <reason>` (403).
    static func policyViolation(_ reason: String) -> S3Error {
        .accessDenied("Invalid according to Policy: \(reason)")
    }

    /// A policy document that is not base64 JSON of the documented shape.
    static func invalidPolicyDocument(_ reason: String) -> S3Error {
        S3Error("InvalidPolicyDocument", .badRequest, "Invalid Policy: \(reason)")
    }

    /// The file is larger than the policy's `content-length-range` allows.
    static func entityTooLarge(max: Int64, proposed: Int64) -> S3Error {
        S3Error("EntityTooLarge", .badRequest, "Your proposed upload exceeds the maximum allowed size")
            .with("ProposedSize", String(proposed)).with("MaxSizeAllowed", String(max))
    }

    /// The file is smaller than the policy's `content-length-range` allows.
    static func entityTooSmall(min: Int64, proposed: Int64) -> S3Error {
        S3Error("EntityTooSmall", .badRequest, "Your proposed upload is smaller than the minimum allowed size")
            .with("ProposedSize", String(proposed)).with("MinSizeAllowed", String(min))
    }
}
