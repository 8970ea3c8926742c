import Testing

@testable import KMSQuota

@Suite struct TokenBucketTests {
    /// Takes `count` tokens at `instant` and returns how many were granted.
    private func take(_ bucket: inout TokenBucket, _ count: Int = 1, at instant: ContinuousClock.Instant) -> Int {
        (0..<count).filter { _ in bucket.take(at: instant) }.count
    }

    @Test func fractionalRefillCarriesOver() {
        let start = ContinuousClock.now
        var bucket = TokenBucket(rate: 3, burst: 3, now: start)
        let available = bucket.available(at: start)
        #expect(available == 3)
        #expect(take(&bucket, 4, at: start) == 3)
        // 3/s: a token every 333.33 ms; three steps of 111.112 ms make one.
        var instant = start
        for _ in 0..<2 {
            instant = instant.advanced(by: .microseconds(111_112))
            #expect(take(&bucket, at: instant) == 0)
        }
        instant = instant.advanced(by: .microseconds(111_112))
        #expect(take(&bucket, at: instant) == 1)
    }

    @Test func clockGoingBackwardsEarnsNothing() {
        let start = ContinuousClock.now
        var bucket = TokenBucket(rate: 1, burst: 1, now: start)
        #expect(take(&bucket, at: start) == 1)
        #expect(take(&bucket, at: start.advanced(by: .seconds(-5))) == 0)
        #expect(take(&bucket, at: start.advanced(by: .seconds(1))) == 1)
    }

    @Test func hugeRatesSaturate() {
        let start = ContinuousClock.now
        var bucket = TokenBucket(rate: 1_000_000_000, burst: 1_000_000_000, now: start)
        let later = start.advanced(by: .seconds(3_000))
        #expect(take(&bucket, at: later) == 1)
        let available = bucket.available(at: later)
        #expect(available == 999_999_999)
    }
}
