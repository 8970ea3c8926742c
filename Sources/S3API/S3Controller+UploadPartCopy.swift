import Hummingbird

extension S3Controller {
    /// UploadPartCopy: not wired yet.
    func uploadPartCopy(_ object: ObjectAddress, _ call: S3Call) async throws -> Response {
        throw S3Error.notImplemented("x-amz-copy-source")
    }
}
