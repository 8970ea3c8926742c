import Foundation

/// What the server prints once it listens: endpoint, region, access key id (never the secret), data folder, the
/// console's address, and a warning when the root credentials are the published defaults.
struct StartupBanner: Sendable {
    let configuration: CofferConfiguration
    let dataDirectory: String

    func lines(port: Int) -> [String] {
        var lines = [
            "Coffer listening on http://\(configuration.host):\(port)",
            "  region:        \(configuration.region)",
            "  access key id: \(configuration.accessKeyId)",
            "  data folder:   \(dataDirectory)",
            "  console:       http://\(configuration.host):\(port)/_coffer/console/",
        ]
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
