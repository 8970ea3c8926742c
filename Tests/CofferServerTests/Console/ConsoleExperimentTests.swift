import CofferServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// The lecture's experiment, run by a live server against itself over HTTP.
@Suite("Console experiment")
struct ConsoleExperimentTests {
    static func state(_ client: KMSTestClient) async throws -> [String: Any]? {
        let answer = try await client.s3(.get, "/_coffer/console/api/experiment")
        #expect(answer.status == .ok)
        return try JSONSerialization.jsonObject(
            with: Data(answer.body.readableBytesView), options: [.fragmentsAllowed]) as? [String: Any]
    }

    static func start(_ client: KMSTestClient, _ body: String) async throws -> TestResponse {
        try await client.s3(.post, "/_coffer/console/api/experiment", body: Array(body.utf8))
    }

    /// N PUTs and N GETs per bucket: N KMS calls each way without Bucket Keys, one PUT call with them (the GETs
    /// use the bucket key the PUTs cached); one run at a time; the estimate follows the demo's model.
    @Test func experimentShowsOneCallAgainstN() async throws {
        let objects = 40
        try await TestServer.run(.live) { client in
            #expect(try await Self.state(client) == nil)
            for invalid in [#"{"objects": 0}"#, #"{"objects": 1001}"#, #"{"objects": "ten"}"#, "not json"] {
                let refused = try await Self.start(client, invalid)
                #expect(refused.status == .badRequest, "\(invalid)")
            }
            let started = try await Self.start(client, #"{"objects": \#(objects)}"#)
            #expect(started.status == .accepted)
            let again = try await Self.start(client, #"{"objects": 1}"#)
            #expect(again.status == .conflict)
            #expect(try ConsoleAPITests.json(again)["__type"] as? String == "ExperimentRunning")

            var finished: [String: Any]?
            for _ in 0..<600 {  // bounded: 60 s
                if let state = try await Self.state(client), state["state"] as? String != "running" {
                    finished = state
                    break
                }
                try await Task.sleep(for: .milliseconds(100))
            }
            let state = try #require(finished, "the experiment did not finish within 60 s")
            #expect(state["state"] as? String == "succeeded", "\(state)")
            #expect(state["completed"] as? Int == 4 * objects)
            let buckets = try #require(state["buckets"] as? [[String: Any]])
            #expect(buckets.map { $0["bucketKeyEnabled"] as? Bool } == [false, true])
            #expect(buckets[0]["putCalls"] as? Int == objects && buckets[0]["getCalls"] as? Int == objects)
            #expect(buckets[1]["putCalls"] as? Int == 1 && buckets[1]["getCalls"] as? Int == 0)
            #expect(buckets.allSatisfy { $0["puts"] as? Int == objects && $0["gets"] as? Int == objects })
            let estimate = try #require(state["estimate"] as? [String: Any])
            #expect(estimate["monthlyCostWithout"] as? Double == 1555.2)
            #expect((estimate["reductionPercent"] as? Double ?? 0) > 98)
            #expect((state["keyArn"] as? String)?.hasPrefix("arn:aws:kms:us-east-1:111122223333:key/") == true)
        }
    }
}
