import CofferConsole
import CofferHTTPClient
import CofferServer
import Foundation

/// The demo's steps 2 to 6 against a running server.
struct DemoSession {
    let runner: DemoRunner
    let client: CofferClient
    let data: URL
    var output: DemoOutput { runner.output }
    var objects: Int { runner.options.objects }

    func run() async throws -> Bool {
        output.step(2, of: DemoRunner.steps, "Creating a customer managed KMS key", explanation: DemoNarration.key)
        let keyArn = try await client.createKey(description: "coffer demo key")
        output.line("  key: \(keyArn)")

        output.step(3, of: DemoRunner.steps, "Creating two SSE-KMS buckets", explanation: DemoNarration.buckets)
        for (bucket, bucketKeys) in [(DemoRunner.plainBucket, false), (DemoRunner.bucketKeyBucket, true)] {
            try await client.createBucket(bucket)
            try await client.putBucketEncryption(bucket, keyArn: keyArn, bucketKeyEnabled: bucketKeys)
            output.line("  \(bucket): SSE-KMS by default, BucketKeyEnabled=\(bucketKeys)")
        }

        output.step(
            4, of: DemoRunner.steps, "Uploading, downloading and verifying \(objects) objects per bucket",
            explanation: DemoNarration.transfer)
        let (without, plainFailures) = try await transfer(DemoRunner.plainBucket, bucketKeys: false)
        let (with, bucketKeyFailures) = try await transfer(DemoRunner.bucketKeyBucket, bucketKeys: true)
        let failures = plainFailures + bucketKeyFailures
        output.line("  verified: \(2 * objects - failures)/\(2 * objects) objects read back intact")

        output.step(5, of: DemoRunner.steps, "KMS calls with and without Bucket Keys", explanation: DemoNarration.table)
        for line in DemoReport(objects: objects, without: without, with: with).lines { output.line(line) }
        output.explain(DemoNarration.estimate)

        output.step(6, of: DemoRunner.steps, "What the server stored on disk", explanation: DemoNarration.storage)
        let plaintextFiles = try StorageReport(inspector: StorageInspector(dataDirectory: data), output: output)
            .show(marker: runner.marker, key: DemoRunner.key(1))

        output.line()
        guard failures == 0, plaintextFiles.isEmpty else {
            output.line("FAILED: \(failures) objects did not verify; plaintext found in \(plaintextFiles.count) files")
            return false
        }
        output.line("OK: \(2 * objects) objects read back intact, no plaintext on disk.")
        return true
    }

    /// Uploads then downloads every object of `bucket`; returns the KMS calls of each phase and the failures.
    private func transfer(_ bucket: String, bucketKeys: Bool) async throws -> (BucketKMSCalls, failures: Int) {
        let before = try await client.stats()
        let putFailures = try await forEachObject("\(bucket) PUT") { index in
            let answer = try await client.putObject(
                bucket: bucket, key: DemoRunner.key(index), body: runner.body(index))
            return answer.header("x-amz-server-side-encryption") == "aws:kms"
                && (answer.header("x-amz-server-side-encryption-bucket-key-enabled") == "true") == bucketKeys
        }
        let afterPuts = try await client.stats()
        let getFailures = try await forEachObject("\(bucket) GET") { index in
            try await client.getObject(bucket: bucket, key: DemoRunner.key(index)) == runner.body(index)
        }
        let afterGets = try await client.stats()
        let calls = BucketKMSCalls(
            puts: Self.s3Calls(afterPuts) - Self.s3Calls(before),
            gets: Self.s3Calls(afterGets) - Self.s3Calls(afterPuts))
        return (calls, putFailures + getFailures)
    }

    /// Runs `operation` for objects 1...N, a few at a time, with a progress bar; returns how many returned false.
    private func forEachObject(
        _ label: String, _ operation: @escaping @Sendable (Int) async throws -> Bool
    ) async throws -> Int {
        var progress = ProgressBar(output: output, label: label, total: objects)
        let objects = self.objects
        let window = max(1, runner.options.concurrency)
        return try await withThrowingTaskGroup(of: Bool.self) { group in
            var next = 1
            var done = 0
            var failures = 0
            while next <= min(window, objects) {
                group.addTask { [next] in try await operation(next) }
                next += 1
            }
            while let verified = try await group.next() {
                done += 1
                if !verified { failures += 1 }
                progress.update(done)
                if next <= objects {
                    group.addTask { [next] in try await operation(next) }
                    next += 1
                }
            }
            return failures
        }
    }

    /// Every KMS call the S3 side has made since the server started.
    private static func s3Calls(_ stats: CofferStats) -> Int {
        stats.kmsRequests["s3", default: [:]].values.reduce(0, +)
    }
}
