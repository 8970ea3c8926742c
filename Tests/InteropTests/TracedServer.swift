import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `coffer serve` run under `strace -f -ttt -y -e trace=fsync,fdatasync`: every sync the server makes, with the time
/// it was entered and the path of the file it synced.
///
/// strace buffers its output file, so the trace is read once the server has stopped (`stop()`); requests are told
/// apart by the wall-clock window between sending each one and reading its answer.
final class TracedServer: @unchecked Sendable {
    // @unchecked Sendable: `process` is only touched by the test that owns this value, on one task at a time.

    /// One traced sync: when it was entered (seconds since 1970) and which file it synced.
    struct Sync {
        var time: Double
        var path: String
    }

    static let strace = Shell.which("strace")

    let dataDirectory: URL
    let port: Int
    private let traceURL: URL
    private let logURL: URL
    private let process: Process

    var endpoint: String { "http://127.0.0.1:\(port)" }

    /// Starts a server with a fresh data folder under strace and waits until it answers `/_coffer/health`.
    init() throws {
        let strace = try #require(Self.strace, "strace is not installed")
        dataDirectory = try CofferProcess.makeTemporaryDirectory()
        port = try CofferProcess.freePort()
        traceURL = dataDirectory.deletingLastPathComponent().appendingPathComponent(
            dataDirectory.lastPathComponent + ".strace")
        logURL = traceURL.appendingPathExtension("log")
        process = Process()
        process.executableURL = URL(fileURLWithPath: strace)
        process.arguments =
            ["-f", "-qq", "-ttt", "-y", "-e", "trace=fsync,fdatasync", "-e", "signal=none", "-o", traceURL.path]
            + [try CofferProcess.cofferBinary().path, "serve", "--host", "127.0.0.1", "--port", String(port)]
            + ["--data", dataDirectory.path]
        var environment = ProcessInfo.processInfo.environment
        environment["COFFER_ACCESS_KEY_ID"] = CofferProcess.accessKeyId
        environment["COFFER_SECRET_ACCESS_KEY"] = CofferProcess.secretAccessKey
        process.environment = environment
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let log = try FileHandle(forWritingTo: logURL)
        process.standardOutput = log
        process.standardError = log
        try process.run()
        try waitUntilHealthy()
    }

    deinit {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: dataDirectory)
        try? FileManager.default.removeItem(at: traceURL)
        try? FileManager.default.removeItem(at: logURL)
    }

    /// Stops the server gracefully (SIGTERM to `coffer`, whose pid its data folder's lock file holds), waits for strace
    /// to exit, and returns every sync it traced.
    func stop() throws -> [Sync] {
        let lock = try String(contentsOf: dataDirectory.appendingPathComponent("coffer.lock"), encoding: .utf8)
        let pid = try #require(Int32(lock.trimmingCharacters(in: .whitespacesAndNewlines)), "lock file: \(lock)")
        kill(pid, SIGTERM)
        // Bounded: at most 30 s for the server to drain and strace to write its trace.
        for _ in 0..<600 where process.isRunning { usleep(50_000) }
        guard !process.isRunning else { throw InteropError("strace or coffer did not exit within 30 s") }
        return Self.syncs(in: try String(contentsOf: traceURL, encoding: .utf8))
    }

    /// The syncs of an `strace -f -ttt -y` trace: `PID SECONDS.MICROS fsync(FD</path>) = 0` or `... <unfinished ...>`.
    static func syncs(in trace: String) -> [Sync] {
        trace.split(whereSeparator: \.isNewline).compactMap { line in
            let fields = line.split(separator: " ", maxSplits: 2)
            guard fields.count == 3, let time = Double(fields[1]) else { return nil }
            let call = fields[2]
            guard call.hasPrefix("fsync(") || call.hasPrefix("fdatasync("),
                let open = call.firstIndex(of: "<"), let close = call[open...].firstIndex(of: ">")
            else { return nil }
            return Sync(time: time, path: String(call[call.index(after: open)..<close]))
        }
    }

    /// The server's output, for failure messages.
    var output: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

    private func waitUntilHealthy() throws {
        // Bounded readiness probe: at most 400 attempts, 25 ms apart (10 s; strace slows the start).
        for _ in 0..<400 {
            guard process.isRunning else { throw InteropError("coffer exited during start-up:\n\(output)") }
            let probe = try? Shell.run(
                "/usr/bin/env",
                [
                    "curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "1",
                    "\(endpoint)/_coffer/health",
                ])
            if probe?.stdout == "200" { return }
            usleep(25_000)
        }
        throw InteropError("coffer under strace did not answer /_coffer/health within 10 s:\n\(output)")
    }
}
