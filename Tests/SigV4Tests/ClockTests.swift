import Foundation
import Testing

@testable import SigV4

/// Clock skew and presigned expiry, with an injected clock.
@Suite("clock")
struct ClockTests {
    static let headerFixture = SigV4Fixture.all.first { $0.name == "s3-put-object-hex-payload" }!
    static let presignedFixture = SigV4Fixture.all.first { $0.name == "s3-presigned-get" }!  // expires 3600

    private func verify(_ fixture: SigV4Fixture, offset: TimeInterval, request: SigV4Request? = nil) throws(SigV4Error)
    {
        _ = try fixture.verifier(offset: offset)
            .verify(request ?? fixture.request, service: fixture.service, bodySHA256: fixture.bodySHA256)
    }

    @Test("header auth within 15 minutes either way is accepted", arguments: [-899.0, -60, 0, 60, 899, 900])
    func withinSkew(offset: TimeInterval) throws {
        try self.verify(Self.headerFixture, offset: offset)
    }

    @Test("header auth more than 15 minutes away is refused", arguments: [-3600.0, -901, 901, 86_400])
    func beyondSkew(offset: TimeInterval) throws {
        let error = sigV4Error { try self.verify(Self.headerFixture, offset: offset) }
        #expect(error?.code == .clockSkewed)
        #expect(error?.requestTime == Self.headerFixture.date)
        #expect(error?.serverTime == Self.headerFixture.date.addingTimeInterval(offset))
        #expect(
            error?.message.hasPrefix(
                offset > 0
                    ? "Signature expired: 20240515T123456Z is now earlier than "
                    : "Signature not yet current: 20240515T123456Z is still later than ") == true)
    }

    @Test("the skew message is worded as AWS words it")
    func skewMessage() {
        let error = sigV4Error { try self.verify(Self.headerFixture, offset: 3600) }
        #expect(
            error?.message
                == "Signature expired: 20240515T123456Z is now earlier than 20240515T131956Z (20240515T133456Z - 15 min.)"
        )
    }

    @Test("the skew limit is configurable")
    func configurableSkew() throws {
        let fixture = Self.headerFixture
        let now = fixture.date.addingTimeInterval(120)
        let strict = SigV4Verifier(
            region: fixture.region,
            secretLookup: { _ in fixture.secretAccessKey },
            now: { now },
            maxClockSkew: 60
        )
        let error = sigV4Error { try strict.verify(fixture.request, service: "s3", bodySHA256: nil) }
        #expect(error?.code == .clockSkewed)
    }

    @Test("presigned URLs are valid until X-Amz-Date + X-Amz-Expires", arguments: [0.0, 1, 1800, 3599, 3600])
    func presignedValid(offset: TimeInterval) throws {
        try self.verify(Self.presignedFixture, offset: offset)
    }

    @Test("presigned URLs expire", arguments: [3601.0, 7200, 604_800])
    func presignedExpired(offset: TimeInterval) throws {
        let error = sigV4Error { try self.verify(Self.presignedFixture, offset: offset) }
        #expect(error?.code == .requestExpired)
        #expect(error?.message == "Request has expired")
        #expect(error?.expiresAt == Self.presignedFixture.date.addingTimeInterval(3600))
    }

    @Test("a presigned URL dated in the future beyond the skew is refused")
    func presignedFromTheFuture() throws {
        try self.verify(Self.presignedFixture, offset: -899)
        let error = sigV4Error { try self.verify(Self.presignedFixture, offset: -901) }
        #expect(error?.code == .clockSkewed)
    }

    @Test("a 7-day presigned URL is accepted until its end")
    func presignedWeek() throws {
        let fixture = try #require(SigV4Fixture.all.first { $0.name == "s3-presigned-put-sse-headers" })
        try self.verify(fixture, offset: 604_800)
        let error = sigV4Error { try self.verify(fixture, offset: 604_801) }
        #expect(error?.code == .requestExpired)
    }

    @Test("X-Amz-Expires outside 1...604800 is malformed", arguments: ["604801", "0", "-5", "abc", "1e3", ""])
    func expiresOutOfRange(expires: String) throws {
        var request = Self.presignedFixture.request
        request.query = request.query.replacingOccurrences(of: "X-Amz-Expires=3600", with: "X-Amz-Expires=\(expires)")
        let error = sigV4Error { try self.verify(Self.presignedFixture, offset: 0, request: request) }
        #expect(error?.code == .malformed)
        if expires == "604801" {
            #expect(error?.message == "X-Amz-Expires must be less than a week (in seconds) that is 604800")
        }
    }

    @Test("the Date header is used when X-Amz-Date is absent, and must be within the skew")
    func dateHeader() throws {
        let fixture = try #require(SigV4Fixture.all.first { $0.name == "kms-date-header" })
        try self.verify(fixture, offset: 600)
        let error = sigV4Error { try self.verify(fixture, offset: 1000) }
        #expect(error?.code == .clockSkewed)
    }
}
