import CofferHTTPClient
import CofferServer
import Foundation

extension CofferClient {
    /// `GET /_coffer/stats`: the server's KMS counters, bucket-key caches and bucket usage.
    func stats() async throws -> CofferStats {
        let answer = try await http.send("GET", path: "/_coffer/stats", service: "s3")
        try Self.require(answer, "GET /_coffer/stats")
        return try JSONDecoder().decode(CofferStats.self, from: answer.body)
    }
}
