import Foundation
import Testing

/// s3cmd pointed at one Coffer server through its own configuration file (the one docs/clients.md shows).
struct S3cmd {
    let server: CofferProcess
    let configuration: URL

    /// Writes the configuration into `folder`: path-style (`host_bucket` without `%(bucket)s`), plain http, SigV4.
    init(server: CofferProcess, folder: URL) throws {
        self.server = server
        configuration = folder.appendingPathComponent("s3cfg")
        let host = "127.0.0.1:\(server.port)"
        let text = """
            [default]
            access_key = \(CofferProcess.accessKeyId)
            secret_key = \(CofferProcess.secretAccessKey)
            host_base = \(host)
            host_bucket = \(host)
            bucket_location = \(CofferProcess.region)
            use_https = False
            signature_v2 = False

            """
        try Data(text.utf8).write(to: configuration)
    }

    /// Runs `s3cmd -c <configuration> <arguments>`.
    func run(_ arguments: [String]) async throws -> Shell.Result {
        let s3cmd = try #require(Interop.s3cmd, "s3cmd is not installed (pip install s3cmd)")
        return try await Shell.run(s3cmd, ["-c", configuration.path] + arguments)
    }

    /// Runs a command that must succeed and returns its standard output.
    func expect(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let result = try await run(arguments)
        try #require(
            result.status == 0,
            "s3cmd \(arguments.joined(separator: " ")) failed (\(result.status)):\n\(result.stderr)\(result.stdout)",
            sourceLocation: sourceLocation)
        return result.stdout
    }
}
