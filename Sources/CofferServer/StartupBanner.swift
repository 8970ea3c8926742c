import Foundation

/// What the server prints once it listens: endpoint, region, access key id (never the secret), data folder, the
/// console's address, and a warning when the root credentials are the published defaults.
struct StartupBanner: Sendable {
    let configuration: CofferConfiguration
    let dataDirectory: String
    /// The self-signed certificate clients should trust, when there is one.
    var trustPath: String? = nil

    func lines(port: Int) -> [String] {
        let scheme = configuration.tls == nil ? "http" : "https"
        var lines = [
            "Coffer listening on \(scheme)://\(configuration.host):\(port)",
            "  region:        \(configuration.region)",
            "  access key id: \(configuration.accessKeyId)",
            "  data folder:   \(dataDirectory)",
            "  console:       \(scheme)://\(configuration.host):\(port)/_coffer/console/",
        ]
        if let trustPath {
            lines.append("  trust the self-signed certificate: export AWS_CA_BUNDLE=\(trustPath)")
        }
        if configuration.usesDefaultCredentials {
            lines.append(
                "WARNING: the root credentials are the published defaults. Set "
                    + "\(CofferConfiguration.accessKeyIdVariable) and \(CofferConfiguration.secretAccessKeyVariable) "
                    + "for anything but local testing."
            )
        }
        return lines
    }

    /// Writes the banner to standard output and flushes it, so a parent process reading a pipe sees it at once.
    func print(port: Int) {
        let text = lines(port: port).joined(separator: "\n") + "\n"
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
