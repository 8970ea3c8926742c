import CofferServer
import Foundation
import HTTPSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Admin routes")
struct AdminRoutesTests {
    @Test("health answers 200 without authentication")
    func health() async throws {
        try await TestServer.run { kms in
            let response = try await kms.get("/_coffer/health")
            #expect(response.status == .ok)
            #expect(String(buffer: response.body) == #"{"status":"ok"}"#)
            #expect(response.headers[.amzRequestId]?.count == 36)
        }
    }

    @Test("metrics count KMS requests by operation and caller")
    func metricsCountKMSRequests() async throws {
        try await TestServer.run { kms in
            _ = try await kms.createKey()
            _ = try await kms.call("GenerateRandom", ["NumberOfBytes": 8])
            let response = try await kms.get("/_coffer/metrics")
            let text = String(buffer: response.body)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
            #expect(text.contains(#"coffer_kms_requests_total{operation="CreateKey",caller="api"}"#))
            #expect(text.contains(#"coffer_kms_requests_total{operation="GenerateRandom",caller="api"}"#))
        }
    }

    @Test("unknown paths answer 404")
    func unknownPath() async throws {
        try await TestServer.run { kms in
            let response = try await kms.get("/_coffer/nothing")
            #expect(response.status == .notFound)
        }
    }
}
