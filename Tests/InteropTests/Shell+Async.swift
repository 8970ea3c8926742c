import Foundation
import Testing

/// Async forms of the harness calls, for async tests: they await child processes through their termination
/// handler instead of blocking a thread.
///
/// Swift concurrency has one cooperative thread per core (two here). A synchronous test that waits for the aws CLI
/// or boto3 holds one of them for seconds; two such tests at once starve every other test, including the live
/// servers of HummingbirdTesting, whose handlers then never run. In async tests these overloads are chosen.
extension Shell {
    /// Runs `executable` and awaits its exit without blocking; `timeout` bounds the wait.
    static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, timeout: TimeInterval = 120
    ) async throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("coffer-shell-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appendingPathComponent("out")
        let errURL = directory.appendingPathComponent("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        let exited = try process.runAndAwaitExit()
        let timer = Task {
            try await Task.sleep(for: .seconds(timeout))
            process.terminate()
        }
        await exited()
        timer.cancel()
        let stdout = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        let stderr = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
        return Result(
            status: process.terminationStatus, stdout: stdout.trimmingCharacters(in: .whitespacesAndNewlines),
            stderr: stderr)
    }
}

extension Process {
    /// Starts the process; the returned function awaits its exit without blocking a thread.
    func runAndAwaitExit() throws -> @Sendable () async -> Void {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self)
        terminationHandler = { _ in continuation.finish() }
        try run()
        return { for await _ in stream {} }
    }
}

extension AWSCLI {
    /// Runs `aws --endpoint-url <server> <arguments>` without blocking a thread.
    func run(_ arguments: [String]) async throws -> Shell.Result {
        let aws = try #require(Interop.aws, "the aws CLI is not installed (pip install awscli)")
        return try await Shell.run(
            aws, ["--endpoint-url", server.endpoint, "--output", "json"] + arguments, environment: environment)
    }

    /// Runs a command that must succeed and decodes its JSON output, without blocking a thread.
    func json(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any] {
        let result = try await run(arguments)
        try #require(
            result.status == 0, "aws \(arguments.joined(separator: " ")) failed: \(result.stderr)",
            sourceLocation: sourceLocation)
        if result.stdout.isEmpty { return [:] }
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        return try #require(object as? [String: Any], sourceLocation: sourceLocation)
    }
}

extension Boto3 {
    /// The environment a script runs with: the server's endpoint and credentials, no user configuration.
    var scriptEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["COFFER_ENDPOINT"] = server.endpoint
        environment["AWS_ACCESS_KEY_ID"] = CofferProcess.accessKeyId
        environment["AWS_SECRET_ACCESS_KEY"] = CofferProcess.secretAccessKey
        environment["AWS_DEFAULT_REGION"] = CofferProcess.region
        environment["AWS_CONFIG_FILE"] = "/dev/null"
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
        environment["AWS_EC2_METADATA_DISABLED"] = "true"
        return environment
    }

    /// The path of `Scripts/<script>.py` and the python3 to run it with.
    func interpreterAndScript(_ script: String) throws -> (python: String, script: String) {
        let python = try #require(self.python, "python3 with the script's client is not installed (see .ci/run)")
        let scriptURL = try #require(
            Bundle.module.url(forResource: script, withExtension: "py", subdirectory: "Scripts"),
            "missing script \(script).py")
        return (python, scriptURL.path)
    }

    /// Runs a script to completion without blocking a thread.
    func run(script: String, arguments: [String] = []) async throws -> Shell.Result {
        let (python, path) = try interpreterAndScript(script)
        return try await Shell.run(python, [path] + arguments, environment: scriptEnvironment)
    }
}

extension Metrics {
    /// `coffer_kms_requests_total{operation=...,caller=...}`, scraped without blocking a thread.
    static func kmsRequests(_ server: CofferProcess, operation: String, caller: String) async throws -> Int {
        let curl = try #require(Interop.curl, "curl is not installed")
        let text = try await Shell.run(curl, ["-s", "\(server.endpoint)/_coffer/metrics"], timeout: 10).stdout
        var total = 0.0
        for line in text.split(separator: "\n") where line.hasPrefix("coffer_kms_requests_total{") {
            guard line.contains("operation=\"\(operation)\""), line.contains("caller=\"\(caller)\""),
                let value = line.split(separator: " ").last.flatMap({ Double($0) })
            else { continue }
            total += value
        }
        return Int(total)
    }
}
