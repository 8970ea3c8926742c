import Foundation

/// Reads `/_coffer/metrics` and extracts counter values.
enum Metrics {
    /// The value of `coffer_kms_requests_total{operation=...,caller=...}` (0 when absent).
    static func kmsRequests(_ server: CofferProcess, operation: String, caller: String) throws -> Int {
        let text = try scrape(server)
        var total = 0.0
        for line in text.split(separator: "\n") where line.hasPrefix("coffer_kms_requests_total{") {
            guard line.contains("operation=\"\(operation)\""), line.contains("caller=\"\(caller)\""),
                let value = line.split(separator: " ").last.flatMap({ Double($0) })
            else { continue }
            total += value
        }
        return Int(total)
    }

    static func scrape(_ server: CofferProcess) throws -> String {
        let curl = try Shell.which("curl").map { $0 } ?? { throw InteropError("curl is not installed") }()
        let result = try Shell.run(curl, ["-s", "\(server.endpoint)/_coffer/metrics"], timeout: 10)
        return result.stdout
    }
}
