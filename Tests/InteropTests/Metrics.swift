import Foundation
import Testing

/// Reads `/_coffer/metrics` and extracts counter values, without blocking a thread.
enum Metrics {
    /// The value of `coffer_kms_requests_total{operation=...,caller=...}` (0 when absent).
    static func kmsRequests(_ server: CofferProcess, operation: String, caller: String) async throws -> Int {
        let text = try await scrape(server)
        var total = 0.0
        for line in text.split(separator: "\n") where line.hasPrefix("coffer_kms_requests_total{") {
            guard line.contains("operation=\"\(operation)\""), line.contains("caller=\"\(caller)\""),
                let value = line.split(separator: " ").last.flatMap({ Double($0) })
            else { continue }
            total += value
        }
        return Int(total)
    }

    /// The server's whole metrics text.
    static func scrape(_ server: CofferProcess) async throws -> String {
        let curl = try #require(Interop.curl, "curl is not installed")
        return try await Shell.run(curl, ["-s", "\(server.endpoint)/_coffer/metrics"], timeout: 10).stdout
    }
}
