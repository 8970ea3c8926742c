import KMSQuota
import MetricsTestKit
import Testing

@Suite struct RequestQuotasTests {
    private let clock = ManualClock()

    private func quotas(_ configuration: QuotaConfiguration, metrics: TestMetrics = TestMetrics()) -> RequestQuotas {
        RequestQuotas(configuration: configuration, metricsFactory: metrics, now: clock.reader)
    }

    private func admitted(
        _ quotas: RequestQuotas, _ count: Int, account: String = "111122223333",
        family: QuotaFamily = .symmetric
    ) -> Int {
        (0..<count).filter { _ in quotas.admit(account: account, family: family) }.count
    }

    @Test func burstOfOneSecondThenThrottle() {
        let quotas = quotas(QuotaConfiguration(symmetric: 5, rsa: 3, ecc: 2))
        #expect(admitted(quotas, 10) == 5)
        #expect(admitted(quotas, 10, family: .rsa) == 3)
        #expect(admitted(quotas, 10, family: .ecc) == 2)
        #expect(quotas.snapshot().total(.symmetric) == .init(admitted: 5, throttled: 5))
    }

    @Test func refillsAtTheRate() {
        let quotas = quotas(QuotaConfiguration(symmetric: 10, rsa: 0, ecc: 0))
        #expect(admitted(quotas, 10) == 10)
        #expect(!quotas.admit(account: "111122223333", family: .symmetric))

        // 10/s earns one token every 100 ms, with no drift from partial intervals.
        clock.advance(by: .milliseconds(99))
        #expect(admitted(quotas, 1) == 0)
        clock.advance(by: .milliseconds(1))
        #expect(admitted(quotas, 5) == 1)
        clock.advance(by: .milliseconds(350))
        #expect(admitted(quotas, 5) == 3)
        clock.advance(by: .milliseconds(50))
        #expect(admitted(quotas, 5) == 1)
    }

    @Test func refillStopsAtTheBurst() {
        let quotas = quotas(QuotaConfiguration(symmetric: 4, rsa: 0, ecc: 0))
        #expect(admitted(quotas, 4) == 4)
        clock.advance(by: .seconds(3_600 * 24))
        #expect(admitted(quotas, 10) == 4)
        clock.advance(by: .seconds(2))
        #expect(admitted(quotas, 10) == 4)
    }

    @Test func zeroMeansUnlimited() {
        let quotas = quotas(.unlimited)
        #expect(admitted(quotas, 50_000) == 50_000)
        #expect(admitted(quotas, 1_000, family: .rsa) == 1_000)
        #expect(quotas.snapshot().accounts.isEmpty)
    }

    @Test func familiesAreIndependent() {
        let quotas = quotas(QuotaConfiguration(symmetric: 2, rsa: 0, ecc: 1))
        #expect(admitted(quotas, 5) == 2)
        #expect(admitted(quotas, 5, family: .rsa) == 5)
        #expect(admitted(quotas, 5, family: .ecc) == 1)
    }

    @Test func accountsAreIsolated() {
        let quotas = quotas(QuotaConfiguration(symmetric: 3, rsa: 0, ecc: 0))
        #expect(admitted(quotas, 10, account: "111122223333") == 3)
        #expect(admitted(quotas, 10, account: "444455556666") == 3)
        let snapshot = quotas.snapshot()
        #expect(snapshot.accounts["111122223333"]?[.symmetric] == .init(admitted: 3, throttled: 7))
        #expect(snapshot.accounts["444455556666"]?[.symmetric] == .init(admitted: 3, throttled: 7))
        #expect(snapshot.accounts["111122223333"]?[.rsa] == nil)
    }

    @Test func throttleDecisionsAreCounted() throws {
        let metrics = TestMetrics()
        let quotas = quotas(QuotaConfiguration(symmetric: 1, rsa: 1, ecc: 0), metrics: metrics)
        _ = admitted(quotas, 4)
        _ = admitted(quotas, 2, family: .rsa)
        let symmetric = try metrics.expectCounter("coffer_kms_throttled_total", [("family", "symmetric")])
        let rsa = try metrics.expectCounter("coffer_kms_throttled_total", [("family", "rsa")])
        #expect(symmetric.totalValue == 3)
        #expect(rsa.totalValue == 1)
    }

    @Test func concurrentCallersNeverExceedTheBudget() async {
        // Given a frozen clock and a budget of 1,000 for each of two accounts
        let quotas = quotas(QuotaConfiguration(symmetric: 1_000, rsa: 0, ecc: 0))
        // When 16 tasks race 400 calls each on both accounts
        let results = await withTaskGroup(of: [String: Int].self) { group in
            for task in 0..<16 {
                group.addTask {
                    var admitted: [String: Int] = [:]
                    for call in 0..<400 {
                        let account = (task + call).isMultiple(of: 2) ? "111122223333" : "444455556666"
                        if quotas.admit(account: account, family: .symmetric) { admitted[account, default: 0] += 1 }
                    }
                    return admitted
                }
            }
            return await group.reduce(into: [String: Int]()) { $0.merge($1, uniquingKeysWith: +) }
        }
        // Then exactly the budget is admitted, per account
        #expect(results == ["111122223333": 1_000, "444455556666": 1_000])
        #expect(quotas.snapshot().total(.symmetric) == .init(admitted: 2_000, throttled: 4_400))
    }

    @Test func messagesAreAWSs() {
        #expect(
            RequestQuotas.throttlingMessage
                == "You have exceeded the rate at which you may call KMS. Reduce the frequency of your calls.")
        #expect(RequestQuotas.slowDownMessage == "Please reduce your request rate for operations involving AWS KMS.")
    }

    @Test func defaultsAreTheLecturesFigures() {
        let configuration = QuotaConfiguration()
        #expect(configuration.symmetric == 10_000)
        #expect(configuration.rsa == 500)
        #expect(configuration.ecc == 300)
        #expect(configuration.invalidFamilies.isEmpty)
        #expect(QuotaConfiguration(symmetric: -1).invalidFamilies == [.symmetric])
    }
}
