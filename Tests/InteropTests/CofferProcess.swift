import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A real `coffer serve` process on a free loopback port, with its own data folder.
///
/// Interop tests drive it with real clients (the aws CLI, boto3, curl), exactly as a user would.
final class CofferProcess: @unchecked Sendable {
    // @unchecked Sendable: `process` is only touched by the test that owns this value, on one task at a time.

    static let accessKeyId = "AKIAINTEROPTEST00001"
    static let secretAccessKey = "interop/secret/key/for/coffer/tests00001"
    static let region = "us-east-1"

    let dataDirectory: URL
    let port: Int
    private var process: Process?
    private let logURL: URL
    /// Variables added to the server's environment.
    private let extraEnvironment: [String: String]

    /// `https` once started with a `--tls-...` flag.
    private(set) var scheme = "http"
    var endpoint: String { "\(scheme)://127.0.0.1:\(port)" }

    /// The server's process id while it runs.
    var processIdentifier: Int32? { process?.processIdentifier }

    /// Starts a server; `dataDirectory` nil makes a fresh temporary folder. The log goes to `server.log` in
    /// `logDirectory`, by default the data folder.
    init(
        dataDirectory: URL? = nil, extraArguments: [String] = [], logDirectory: URL? = nil,
        extraEnvironment: [String: String] = [:]
    ) throws {
        self.extraEnvironment = extraEnvironment
        self.dataDirectory = try dataDirectory ?? Self.makeTemporaryDirectory()
        self.port = try Self.freePort()
        self.logURL = (logDirectory ?? self.dataDirectory).appendingPathComponent("server.log")
        try start(extraArguments: extraArguments)
    }

    deinit { stop() }

    /// Starts (or restarts) the process and waits until `/_coffer/health` answers.
    func start(extraArguments: [String] = []) throws {
        let binary = try Self.cofferBinary()
        scheme = extraArguments.contains { $0.hasPrefix("--tls-") } ? "https" : "http"
        let process = Process()
        process.executableURL = binary
        process.arguments =
            ["serve", "--host", "127.0.0.1", "--port", String(port), "--data", dataDirectory.path] + extraArguments
        var environment = ProcessInfo.processInfo.environment
        environment["COFFER_ACCESS_KEY_ID"] = Self.accessKeyId
        environment["COFFER_SECRET_ACCESS_KEY"] = Self.secretAccessKey
        environment.merge(extraEnvironment) { $1 }
        process.environment = environment
        FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let log = try FileHandle(forWritingTo: logURL)
        log.seekToEndOfFile()
        process.standardOutput = log
        process.standardError = log
        try process.run()
        self.process = process
        try waitUntilHealthy()
    }

    /// Stops the process with SIGTERM (graceful) or SIGKILL, and waits for it to exit.
    func stop(signal: Int32 = SIGTERM) {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        self.process = nil
    }

    /// The server's combined output so far, for failure messages.
    var output: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

    private func waitUntilHealthy() throws {
        // Bounded readiness probe: at most 300 attempts, 20 ms apart (6 s).
        for _ in 0..<300 {
            if let process, !process.isRunning {
                throw InteropError("coffer exited during start-up:\n\(output)")
            }
            if Self.healthAnswers(endpoint: endpoint) { return }
            usleep(20_000)
        }
        throw InteropError("coffer did not answer /_coffer/health within 6 s:\n\(output)")
    }

    private static func healthAnswers(endpoint: String) -> Bool {
        let result = try? Shell.run(
            "/usr/bin/env",
            [
                "curl", "-s", "-k", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "1",
                "\(endpoint)/_coffer/health",
            ])
        return result?.stdout == "200"
    }

    static func makeTemporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("coffer-interop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Asks the kernel for a free loopback port.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw InteropError("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw InteropError("bind() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The `coffer` executable built beside this test bundle.
    static func cofferBinary() throws -> URL {
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = testBinary.deletingLastPathComponent()
        // Bounded walk up from `.../debug/CofferPackageTests.xctest` to the build products folder.
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("coffer")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        throw InteropError("the coffer executable was not found beside \(testBinary.path); run `swift build` first")
    }
}

/// A failure of the interop harness itself.
struct InteropError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
