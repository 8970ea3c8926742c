public import HTTPTypes

extension HTTPField.Name {
    /// `X-Amz-Target`: the KMS operation, e.g. `TrentService.Encrypt`.
    public static let amzTarget = HTTPField.Name("X-Amz-Target")!
    /// `x-amzn-RequestId`: the request id on KMS responses.
    public static let amznRequestId = HTTPField.Name("x-amzn-RequestId")!
    /// `x-amz-request-id`: the request id on S3 responses.
    public static let amzRequestId = HTTPField.Name("x-amz-request-id")!
    /// `x-amz-content-sha256`: the payload hash an S3 client declares.
    public static let amzContentSHA256 = HTTPField.Name("x-amz-content-sha256")!
}
