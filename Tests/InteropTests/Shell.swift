import Foundation

/// Runs a command to completion and captures its output.
///
/// One runner with two entry points: the synchronous `run` blocks its thread until the process exits (for static
/// probes and synchronous tests); the async `run` in Shell+Async.swift awaits the exit without holding a thread.
enum Shell {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `executable` with `arguments`; `timeout` bounds the wait (the process is killed past it).
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, input: Data? = nil,
        timeout: TimeInterval = 120
    ) throws -> Result {
        let child = try Child(executable, arguments, environment: environment, input: input)
        defer { child.removeFiles() }
        let finished = DispatchSemaphore(value: 0)
        child.process.terminationHandler = { _ in finished.signal() }
        try child.process.run()
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            child.process.terminate()
            _ = finished.wait(timeout: .now() + 5)
            throw child.timedOut(after: timeout)
        }
        return child.result()
    }

    /// The absolute path of `command` on PATH, or nil.
    static func which(_ command: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(command)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// A configured, not yet started process whose standard output and error go to temporary files (a pipe
    /// nobody reads while it runs could fill and stall it).
    struct Child {
        let process = Process()
        private let directory: URL
        private let description: String

        init(_ executable: String, _ arguments: [String], environment: [String: String]?, input: Data?) throws {
            description = ([executable] + arguments).joined(separator: " ")
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            if let environment { process.environment = environment }
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("coffer-shell-\(UUID())")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for name in ["out", "err"] {
                _ = FileManager.default.createFile(atPath: directory.appendingPathComponent(name).path, contents: nil)
            }
            process.standardOutput = try FileHandle(forWritingTo: directory.appendingPathComponent("out"))
            process.standardError = try FileHandle(forWritingTo: directory.appendingPathComponent("err"))
            if let input {
                let inURL = directory.appendingPathComponent("in")
                try input.write(to: inURL)
                process.standardInput = try FileHandle(forReadingFrom: inURL)
            } else {
                process.standardInput = FileHandle.nullDevice
            }
        }

        /// The exit status and output of the exited process; stdout is trimmed of surrounding white space.
        func result() -> Result {
            let stdout = (try? String(contentsOf: directory.appendingPathComponent("out"), encoding: .utf8)) ?? ""
            let stderr = (try? String(contentsOf: directory.appendingPathComponent("err"), encoding: .utf8)) ?? ""
            return Result(
                status: process.terminationStatus, stdout: stdout.trimmingCharacters(in: .whitespacesAndNewlines),
                stderr: stderr)
        }

        /// The error thrown when the process outlived its timeout.
        func timedOut(after timeout: TimeInterval) -> InteropError {
            InteropError("\(description) timed out after \(timeout) s")
        }

        /// Removes the output files.
        func removeFiles() { try? FileManager.default.removeItem(at: directory) }
    }
}
