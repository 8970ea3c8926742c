import Foundation
import Testing

/// Runs a Python script from `Scripts/` against one server; the script prints JSON on its last line.
///
/// `python` is a python3 with boto3 by default; scripts for other Python clients pass theirs
/// (`Interop.minioPython`, `Interop.s3fsPython`).
struct Boto3 {
    let server: CofferProcess
    var python: String? = Interop.boto3Python

    /// Runs a script to completion.
    func run(script: String, arguments: [String] = []) throws -> Shell.Result {
        let (python, path) = try interpreterAndScript(script)
        return try Shell.run(python, [path] + arguments, environment: scriptEnvironment)
    }

    /// Runs a script to completion without blocking a thread.
    func run(script: String, arguments: [String] = []) async throws -> Shell.Result {
        let (python, path) = try interpreterAndScript(script)
        return try await Shell.run(python, [path] + arguments, environment: scriptEnvironment)
    }

    /// The environment a script runs with: the server's endpoint and credentials, no user configuration.
    var scriptEnvironment: [String: String] {
        var environment = Interop.awsClientEnvironment
        environment["COFFER_ENDPOINT"] = server.endpoint
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
}
