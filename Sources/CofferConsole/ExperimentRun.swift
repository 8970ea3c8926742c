import CofferHTTPClient
import Foundation

/// One run of ``ConsoleExperiment``: the key and buckets, then each bucket's PUTs and GETs, a few at a time.
struct ExperimentRun: Sendable {
    let experiment: ConsoleExperiment
    let target: ConsoleExperiment.Target
    let objects: Int
    /// Requests in flight at once, as `coffer demo` sends them.
    static let concurrency = 8

    func run() async {
        let client = CofferClient(
            http: SignedHTTPClient(
                endpoint: target.endpoint, accessKeyId: target.accessKeyId, secretAccessKey: target.secretAccessKey,
                region: target.region, connections: Self.concurrency))
        defer { client.shutdown() }
        do {
            let keyArn = try await prepare(client)
            experiment.update { $0.keyArn = keyArn }
            for (index, bucket) in [ConsoleExperiment.plainBucket, ConsoleExperiment.bucketKeyBucket].enumerated() {
                try await transfer(client, bucket: bucket, index: index, phase: .put)
                try await transfer(client, bucket: bucket, index: index, phase: .get)
            }
            experiment.update {
                $0.phase = .done
                $0.state = .succeeded
                $0.estimateCosts()
            }
        } catch {
            experiment.update {
                $0.state = .failed
                $0.error = "\(error)"
            }
        }
    }

    /// The experiment's key (created with its alias on the first run) and its two SSE-KMS buckets.
    private func prepare(_ client: CofferClient) async throws -> String {
        var keyArn = try await client.keyArn(ConsoleExperiment.keyAlias)
        if keyArn == nil {
            let created = try await client.createKey(description: "Coffer console experiment key")
            try await client.createAlias(ConsoleExperiment.keyAlias, keyId: created)
            keyArn = created
        }
        guard let keyArn else { throw CofferClientError("no experiment key") }
        for (bucket, bucketKeys) in [(ConsoleExperiment.plainBucket, false), (ConsoleExperiment.bucketKeyBucket, true)]
        {
            try await client.createBucket(bucket)
            try await client.putBucketEncryption(bucket, keyArn: keyArn, bucketKeyEnabled: bucketKeys)
        }
        return keyArn
    }

    /// The PUTs or GETs of one bucket; the KMS calls S3 makes meanwhile are the bucket's.
    private func transfer(
        _ client: CofferClient, bucket: String, index: Int, phase: ConsoleExperiment.Snapshot.Phase
    ) async throws {
        experiment.update { $0.phase = phase }
        let before = experiment.s3Calls()
        try await forEachObject { number in
            let key = "lecture/" + String(format: "%05d", number) + ".txt"
            if phase == .put {
                _ = try await client.putObject(bucket: bucket, key: key, body: Self.body(number))
            } else {
                guard try await client.getObject(bucket: bucket, key: key) == Self.body(number) else {
                    throw CofferClientError("\(bucket)/\(key) did not read back intact")
                }
            }
            let calls = experiment.s3Calls() - before
            experiment.update { snapshot in
                snapshot.completed += 1
                if phase == .put {
                    snapshot.buckets[index].puts += 1
                    snapshot.buckets[index].putCalls = calls
                } else {
                    snapshot.buckets[index].gets += 1
                    snapshot.buckets[index].getCalls = calls
                }
            }
        }
        let calls = experiment.s3Calls() - before
        experiment.update { snapshot in
            if phase == .put {
                snapshot.buckets[index].putCalls = calls
            } else {
                snapshot.buckets[index].getCalls = calls
            }
        }
    }

    /// Runs `operation` for objects 1...N, ``concurrency`` at a time.
    private func forEachObject(_ operation: @escaping @Sendable (Int) async throws -> Void) async throws {
        let objects = self.objects
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = 1
            while next <= min(Self.concurrency, objects) {
                group.addTask { [next] in try await operation(next) }
                next += 1
            }
            while try await group.next() != nil, next <= objects {
                group.addTask { [next] in try await operation(next) }
                next += 1
            }
            try await group.waitForAll()
        }
    }

    /// Object `number`'s 1 KiB of text.
    static func body(_ number: Int) -> Data {
        let line = "Coffer console experiment, object \(number)\n"
        return Data(String(repeating: line, count: 1024 / line.utf8.count + 1).utf8.prefix(1024))
    }
}
