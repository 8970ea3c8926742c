import CofferHTTPClient
import CofferServer
public import Foundation
import Logging

/// `coffer demo`: starts a server, shows Bucket Keys cutting KMS calls, and shows what is stored on disk.
///
/// Everything goes over real HTTP with SigV4 (``CofferClient``); the counts come from the server's own counters
/// (`GET /_coffer/stats`). ``run()`` returns false when an object did not read back intact, a response lacked its
/// encryption headers, or plaintext was found on disk.
public struct DemoRunner: Sendable {
    /// The bucket without Bucket Keys.
    static let plainBucket = "demo-without-bucket-keys"
    /// The bucket with Bucket Keys.
    static let bucketKeyBucket = "demo-with-bucket-keys"
    /// The size of each demo object.
    static let objectSize = 1024
    static let steps = 6

    let options: DemoOptions
    let output: DemoOutput
    /// A per-run marker in every object's plaintext, searched for on disk at the end.
    let marker = "coffer-demo plaintext \(UUID().uuidString.prefix(8).lowercased())"

    /// Creates a runner; nothing happens until ``run()``.
    public init(options: DemoOptions) {
        self.options = options
        self.output = DemoOutput(explains: options.explain)
    }

    /// Runs every step; returns whether every check passed.
    /// - Throws: when the server cannot start or a request is refused.
    public func run() async throws -> Bool {
        let temporary = options.dataDirectory == nil
        let data =
            options.dataDirectory.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("coffer-demo-\(UUID().uuidString)")
        defer { if temporary { try? FileManager.default.removeItem(at: data) } }
        let credentials = (id: "DEMO" + Self.randomString(16).uppercased(), secret: Self.randomString(40))
        let configuration = CofferConfiguration(
            host: "127.0.0.1", port: 0, dataDirectory: data.path, accessKeyId: credentials.id,
            secretAccessKey: credentials.secret, logLevel: .warning)
        output.line("Coffer demo: S3 Bucket Keys and the KMS calls they save, \(options.objects) objects per bucket")
        return try await DemoServer.run(configuration: configuration) { endpoint in
            output.step(
                1, of: Self.steps, "Started Coffer on \(endpoint.absoluteString)", explanation: DemoNarration.server)
            output.line("  data folder: \(data.path)" + (temporary ? " (temporary; keep it with --data DIR)" : ""))
            let client = CofferClient(
                http: SignedHTTPClient(
                    endpoint: endpoint, accessKeyId: credentials.id, secretAccessKey: credentials.secret,
                    region: configuration.region, connections: options.concurrency))
            defer { client.shutdown() }
            return try await DemoSession(runner: self, client: client, data: data).run()
        }
    }

    /// The plaintext of object `index`: the run's marker and the index, repeated to ``objectSize`` bytes.
    func body(_ index: Int) -> Data {
        let line = "\(marker) object \(index)\n"
        return Data(String(repeating: line, count: Self.objectSize / line.utf8.count + 1).utf8.prefix(Self.objectSize))
    }

    /// The key of object `index`, e.g. `notes/00042.txt`.
    static func key(_ index: Int) -> String {
        "notes/" + String(format: "%05d", index) + ".txt"
    }

    private static func randomString(_ length: Int) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789")
        return String((0..<length).map { _ in alphabet.randomElement()! })
    }
}
