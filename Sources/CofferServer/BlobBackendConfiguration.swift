public import Foundation

/// Where sealed blobs go when not under `<data>/objects`: an S3-compatible bucket (`coffer serve --blobs
/// s3://BUCKET[/PREFIX] --blobs-endpoint URL [--blobs-region R]`, credentials from `COFFER_BLOBS_ACCESS_KEY_ID` and
/// `COFFER_BLOBS_SECRET_ACCESS_KEY`). Docs: docs/scale-out.md.
public struct BlobBackendConfiguration: Sendable, Equatable {
    public var bucket: String
    /// A key prefix, "" for none.
    public var prefix: String
    /// The store's address, e.g. `http://127.0.0.1:8333`.
    public var endpoint: URL
    public var region: String
    public var accessKeyId: String
    public var secretAccessKey: String

    /// `COFFER_BLOBS_ACCESS_KEY_ID`: the blob store's access key id.
    public static let accessKeyIdVariable = "COFFER_BLOBS_ACCESS_KEY_ID"
    /// `COFFER_BLOBS_SECRET_ACCESS_KEY`: the blob store's secret access key.
    public static let secretAccessKeyVariable = "COFFER_BLOBS_SECRET_ACCESS_KEY"

    /// Reads `--blobs`, `--blobs-endpoint` and the credentials from `environment`.
    /// - Throws: a message for the operator when the URL is not `s3://BUCKET[/PREFIX]`, the endpoint is not an
    ///   http(s) URL, or a credential is missing.
    public init(
        url: String, endpoint: String, region: String, environment: [String: String]
    ) throws(CofferConfigurationError) {
        guard url.hasPrefix("s3://") else {
            throw CofferConfigurationError(message: "--blobs must look like s3://BUCKET or s3://BUCKET/PREFIX.")
        }
        let path = url.dropFirst("s3://".count).split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard let bucket = path.first, !bucket.isEmpty else {
            throw CofferConfigurationError(message: "--blobs must name a bucket: s3://BUCKET[/PREFIX].")
        }
        guard let address = URL(string: endpoint), ["http", "https"].contains(address.scheme ?? ""),
            address.host != nil
        else {
            throw CofferConfigurationError(message: "--blobs-endpoint must be an http or https URL.")
        }
        guard let id = environment[Self.accessKeyIdVariable], !id.isEmpty,
            let secret = environment[Self.secretAccessKeyVariable], !secret.isEmpty
        else {
            throw CofferConfigurationError(
                message: "--blobs needs \(Self.accessKeyIdVariable) and \(Self.secretAccessKeyVariable) to be set.")
        }
        self.bucket = String(bucket)
        self.prefix = path.count > 1 ? String(path[1]) : ""
        self.endpoint = address
        self.region = region
        self.accessKeyId = id
        self.secretAccessKey = secret
    }
}
