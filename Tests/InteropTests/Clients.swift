import Foundation
import Testing

/// Whether interop tests must run: `COFFER_REQUIRE_INTEROP=1` (set by `.ci/run`) turns a missing client
/// into a failure instead of a skip.
enum Interop {
    static let required = ProcessInfo.processInfo.environment["COFFER_REQUIRE_INTEROP"] == "1"

    /// The aws CLI, if installed.
    static let aws = Shell.which("aws")
    /// A python3 that can import boto3, if installed.
    static let boto3Python: String? = {
        guard let python = Shell.which("python3") else { return nil }
        let probe = try? Shell.run(python, ["-c", "import boto3"], timeout: 30)
        return probe?.status == 0 ? python : nil
    }()
    /// curl, if installed.
    static let curl = Shell.which("curl")

    /// Runs the test when the client exists or interop is required (then a missing client fails the test).
    static func enabled(_ client: String?) -> Bool { client != nil || required }
}

/// The aws CLI pointed at one Coffer server, isolated from the user's configuration.
struct AWSCLI {
    let server: CofferProcess

    var environment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_ACCESS_KEY_ID"] = CofferProcess.accessKeyId
        environment["AWS_SECRET_ACCESS_KEY"] = CofferProcess.secretAccessKey
        environment["AWS_DEFAULT_REGION"] = CofferProcess.region
        environment["AWS_CONFIG_FILE"] = "/dev/null"
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
        environment["AWS_EC2_METADATA_DISABLED"] = "true"
        environment["AWS_PAGER"] = ""
        environment.removeValue(forKey: "AWS_PROFILE")
        environment.removeValue(forKey: "AWS_SESSION_TOKEN")
        return environment
    }

    /// Runs `aws --endpoint-url <server> <arguments>` and returns the result.
    func run(_ arguments: [String], environmentOverrides: [String: String] = [:]) throws -> Shell.Result {
        let aws = try #require(Interop.aws, "the aws CLI is not installed (pip install awscli)")
        let environment = self.environment.merging(environmentOverrides) { $1 }
        return try Shell.run(
            aws, ["--endpoint-url", server.endpoint, "--output", "json"] + arguments, environment: environment)
    }

    /// Runs a command that must succeed and decodes its JSON output.
    func json(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let result = try run(arguments)
        try #require(
            result.status == 0, "aws \(arguments.joined(separator: " ")) failed: \(result.stderr)",
            sourceLocation: sourceLocation)
        if result.stdout.isEmpty { return [:] }
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        return try #require(object as? [String: Any], sourceLocation: sourceLocation)
    }
}

/// Runs a boto3 script from `Scripts/` against one server; the script prints JSON on its last line.
struct Boto3 {
    let server: CofferProcess

    func run(script: String, arguments: [String] = []) throws -> Shell.Result {
        let python = try #require(Interop.boto3Python, "python3 with boto3 is not installed (pip install boto3)")
        let scriptURL = try #require(
            Bundle.module.url(forResource: script, withExtension: "py", subdirectory: "Scripts"),
            "missing script \(script).py")
        var environment = ProcessInfo.processInfo.environment
        environment["COFFER_ENDPOINT"] = server.endpoint
        environment["AWS_ACCESS_KEY_ID"] = CofferProcess.accessKeyId
        environment["AWS_SECRET_ACCESS_KEY"] = CofferProcess.secretAccessKey
        environment["AWS_DEFAULT_REGION"] = CofferProcess.region
        environment["AWS_CONFIG_FILE"] = "/dev/null"
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
        environment["AWS_EC2_METADATA_DISABLED"] = "true"
        return try Shell.run(python, [scriptURL.path] + arguments, environment: environment)
    }
}
