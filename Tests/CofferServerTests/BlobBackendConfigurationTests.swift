import CofferServer
import Foundation
import Testing

/// `--blobs s3://BUCKET[/PREFIX] --blobs-endpoint URL` and its credentials, read as the operator wrote them.
@Suite("Blob backend configuration")
struct BlobBackendConfigurationTests {
    static let credentials = [
        BlobBackendConfiguration.accessKeyIdVariable: "AKIABLOBS",
        BlobBackendConfiguration.secretAccessKeyVariable: "blobs-secret",
    ]

    @Test func bucketPrefixEndpointAndCredentials() throws {
        let configuration = try BlobBackendConfiguration(
            url: "s3://sealed/team-a/node-1", endpoint: "http://127.0.0.1:8333", region: "eu-west-1",
            environment: Self.credentials)
        #expect(configuration.bucket == "sealed" && configuration.prefix == "team-a/node-1")
        #expect(configuration.endpoint.absoluteString == "http://127.0.0.1:8333")
        #expect(configuration.region == "eu-west-1")
        #expect(configuration.accessKeyId == "AKIABLOBS" && configuration.secretAccessKey == "blobs-secret")
        let bare = try BlobBackendConfiguration(
            url: "s3://sealed", endpoint: "https://s3.example.test", region: "us-east-1", environment: Self.credentials)
        #expect(bare.bucket == "sealed" && bare.prefix == "")
    }

    @Test(arguments: [
        ("sealed", "http://127.0.0.1:8333", "s3://BUCKET"),
        ("s3://", "http://127.0.0.1:8333", "must name a bucket"),
        ("s3:///prefix", "http://127.0.0.1:8333", "must name a bucket"),
        ("s3://sealed", "ftp://127.0.0.1", "http or https"),
        ("s3://sealed", "not a url", "http or https"),
    ])
    func refusesWhatIsNotAnS3Location(url: String, endpoint: String, message: String) {
        #expect {
            _ = try BlobBackendConfiguration(
                url: url, endpoint: endpoint, region: "us-east-1", environment: Self.credentials)
        } throws: { error in
            (error as? CofferConfigurationError)?.message.contains(message) == true
        }
    }

    @Test func refusesMissingCredentials() {
        for environment in [[:], [BlobBackendConfiguration.accessKeyIdVariable: "AKIABLOBS"]] {
            #expect {
                _ = try BlobBackendConfiguration(
                    url: "s3://sealed", endpoint: "http://127.0.0.1:8333", region: "us-east-1",
                    environment: environment)
            } throws: { error in
                (error as? CofferConfigurationError)?.message.contains("COFFER_BLOBS_SECRET_ACCESS_KEY") == true
            }
        }
    }
}
