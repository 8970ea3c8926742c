public import Foundation
public import KMS
import Synchronization

/// The lecture's experiment, run by the server for the console: N PUTs and N GETs against a bucket without Bucket
/// Keys, then against one with them, over real HTTP signed by the root user, counting the KMS calls S3 makes.
///
/// One run at a time; its state (``Snapshot``) moves as requests complete and is read by every live event. The
/// counts are the key service's own counters of S3's calls during each phase, so traffic of other clients during
/// a run counts too (as in `coffer demo`, which this mirrors).
public final class ConsoleExperiment: Sendable {
    /// The buckets and the alias the experiment uses (and re-uses on the next run).
    static let plainBucket = "coffer-experiment-without-bucket-keys"
    static let bucketKeyBucket = "coffer-experiment-with-bucket-keys"
    static let keyAlias = "alias/coffer-experiment"
    /// The most objects per bucket a run may ask for.
    public static let maximumObjects = 1000

    /// A run, as the console shows it.
    public struct Snapshot: Sendable, Encodable {
        public enum State: String, Sendable, Encodable { case running, succeeded, failed }
        public enum Phase: String, Sendable, Encodable { case creating, put, get, done }

        /// One bucket's side of the comparison.
        public struct Bucket: Sendable, Encodable {
            public var name: String
            public var bucketKeyEnabled: Bool
            /// KMS calls S3 made during this bucket's PUTs and GETs.
            public var putCalls = 0
            public var getCalls = 0
            /// Requests completed so far.
            public var puts = 0
            public var gets = 0
        }

        /// The monthly estimate of `coffer demo` (``DemoReport``), from the calls measured so far.
        public struct Estimate: Sendable, Encodable {
            public var requestsPerSecond: [String: Int]
            public var pricePerRequest: Double
            public var monthlyCostWithout: Double
            public var monthlyCostWith: Double
            public var reductionPercent: Double
        }

        public var id: String
        public var state: State
        public var objects: Int
        public var keyArn: String?
        public var phase: Phase
        public var completed: Int
        public var total: Int
        public var buckets: [Bucket]
        public var estimate: Estimate?
        public var error: String?
    }

    /// Where the server listens and who signs: set once the server runs.
    struct Target: Sendable {
        var endpoint: URL
        var accessKeyId: String
        var secretAccessKey: String
        var region: String
    }

    let kms: KeyManagementService
    private let target = Mutex<Target?>(nil)
    private let current = Mutex<Snapshot?>(nil)

    /// Creates the experiment of a server whose key service is `kms`.
    public init(kms: KeyManagementService) {
        self.kms = kms
    }

    /// Tells the experiment where the server listens (`host` 0.0.0.0 or :: means loopback) and the root credentials
    /// it signs with; `scheme` is `https` when the server serves TLS.
    public func serverStarted(
        scheme: String = "http", host: String, port: Int, accessKeyId: String, secretAccessKey: String, region: String
    ) {
        let reachable = ["0.0.0.0", "::", ""].contains(host) ? "127.0.0.1" : host
        let hostPart = reachable.contains(":") ? "[\(reachable)]" : reachable
        guard let endpoint = URL(string: "\(scheme)://\(hostPart):\(port)") else { return }
        target.withLock {
            $0 = Target(endpoint: endpoint, accessKeyId: accessKeyId, secretAccessKey: secretAccessKey, region: region)
        }
    }

    /// The current or last run, or nil before the first.
    public var snapshot: Snapshot? { current.withLock { $0 } }

    /// Why a run cannot start.
    public enum StartError: Error, Sendable {
        case running
        case notReady
        case invalidObjects
    }

    /// Starts a run of `objects` per bucket in the background and returns its first state.
    public func start(objects: Int) throws(StartError) -> Snapshot {
        guard (1...Self.maximumObjects).contains(objects) else { throw .invalidObjects }
        guard let target = target.withLock({ $0 }) else { throw .notReady }
        let started = try current.withLock { (current: inout Snapshot?) throws(StartError) -> Snapshot in
            if current?.state == .running { throw .running }
            let snapshot = Snapshot(
                id: UUID().uuidString.lowercased(), state: .running, objects: objects, keyArn: nil, phase: .creating,
                completed: 0, total: 4 * objects,
                buckets: [
                    .init(name: Self.plainBucket, bucketKeyEnabled: false),
                    .init(name: Self.bucketKeyBucket, bucketKeyEnabled: true),
                ])
            current = snapshot
            return snapshot
        }
        Task { await ExperimentRun(experiment: self, target: target, objects: objects).run() }
        return started
    }

    /// Applies `change` to the current run.
    func update(_ change: (inout Snapshot) -> Void) {
        current.withLock { snapshot in
            guard var value = snapshot else { return }
            change(&value)
            snapshot = value
        }
    }

    /// KMS calls S3 has made since the server started.
    func s3Calls() -> Int {
        kms.requestCounts().filter { $0.channel == .s3 }.reduce(0) { $0 + $1.count }
    }
}

extension ConsoleExperiment.Snapshot {
    /// The estimate of the buckets' calls so far, once both buckets have calls measured.
    mutating func estimateCosts() {
        let calls = buckets.map { BucketKMSCalls(puts: $0.putCalls, gets: $0.getCalls) }
        let report = DemoReport(objects: objects, without: calls[0], with: calls[1])
        estimate = .init(
            requestsPerSecond: ["puts": DemoReport.requestsPerSecond.puts, "gets": DemoReport.requestsPerSecond.gets],
            pricePerRequest: DemoReport.pricePerRequest, monthlyCostWithout: report.monthlyCost(calls[0]),
            monthlyCostWith: report.monthlyCost(calls[1]), reductionPercent: report.reductionPercent)
    }
}
