import ArgumentParser
import CofferServer
import Foundation
import Hummingbird
import Logging

/// `coffer serve`: runs the server until SIGTERM or SIGINT.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the Coffer server.",
        discussion: """
            Serves the S3 REST API (path-style), the KMS JSON API (POST / with \
            X-Amz-Target: TrentService.<Operation>), GET /_coffer/health and GET /_coffer/metrics \
            (Prometheus text) on one port, authenticated with AWS Signature Version 4. Stops gracefully on \
            SIGTERM or SIGINT: in-flight requests finish and the databases close.

            Environment:
              COFFER_ACCESS_KEY_ID
                  The root access key id (set it together with the secret).
              COFFER_SECRET_ACCESS_KEY
                  The root secret access key.
              COFFER_KMS_ROOT_KEY
                  The base64 of the 32-byte root key that seals all key material.
                  When unset, <data>/kms/root.key is used (created with mode 0600 on first start).

            When the credentials are unset, the published defaults \(CofferConfiguration.defaultAccessKeyId) / \
            \(CofferConfiguration.defaultSecretAccessKey) are used and a warning is printed: use them for local \
            testing only.

            Example:
              coffer serve --port 9000 --data ./data
              AWS_ACCESS_KEY_ID=\(CofferConfiguration.defaultAccessKeyId) \\
              AWS_SECRET_ACCESS_KEY=\(CofferConfiguration.defaultSecretAccessKey) \\
              aws --endpoint-url http://127.0.0.1:9000 --region us-east-1 kms create-key
            """
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0-65535; 0 picks a free port).")
    var port = 9000

    @Option(
        help: ArgumentHelp(
            "The data folder: keys under <data>/kms, objects under <data>/meta and <data>/objects.", valueName: "path"))
    var data = "./data"

    @Option(help: "The region in ARNs and SigV4 credential scopes, e.g. us-east-1.")
    var region = "us-east-1"

    @Option(help: "The 12-digit account id that owns every key.")
    var accountId = "111122223333"

    @Option(help: "The minimum log level: trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    func validate() throws {
        guard (0...65535).contains(port) else {
            throw ValidationError("--port must be between 0 and 65535.")
        }
        guard accountId.count == 12, accountId.allSatisfy(\.isASCII), accountId.allSatisfy(\.isNumber) else {
            throw ValidationError("--account-id must be exactly 12 digits.")
        }
        guard Self.isRegion(region) else {
            throw ValidationError("--region must look like us-east-1: lowercase letters, digits and dashes.")
        }
        guard !host.isEmpty else { throw ValidationError("--host must not be empty.") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical.")
        }
    }

    func run() async throws {
        Malloc.raiseThresholds()
        var configuration = CofferConfiguration(
            host: host, port: port, dataDirectory: data, region: region, accountId: accountId,
            logLevel: Logger.Level(rawValue: logLevel) ?? .info
        )
        try configuration.apply(environment: ProcessInfo.processInfo.environment)
        CofferLogHandler.bootstrap()
        let application = try await buildApplication(configuration: configuration)
        try await application.runService()
    }

    /// `<letters>-<letters>-<digit>` and the like: lowercase letters, digits and dashes, starting with a letter.
    static func isRegion(_ region: String) -> Bool {
        let parts = region.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 3, region.count <= 32, let first = region.first, first.isLetter else { return false }
        return parts.allSatisfy { part in
            !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }
        }
    }
}
