import Foundation

/// The KMS calls one bucket's PUTs and GETs cost, read from the server's counters.
public struct BucketKMSCalls: Sendable, Equatable {
    /// KMS calls made while uploading (GenerateDataKey).
    public var puts: Int
    /// KMS calls made while downloading (Decrypt).
    public var gets: Int
    /// Both.
    public var total: Int { puts + gets }

    public init(puts: Int, gets: Int) {
        self.puts = puts
        self.gets = gets
    }
}

/// The findings of `coffer demo` and of the console's experiment: the calls per bucket, the reduction, and what
/// they would cost on AWS at a stated scale.
public struct DemoReport: Sendable, Equatable {
    /// The AWS KMS list price per request: $0.03 per 10,000 requests (us-east-1, symmetric keys).
    public static let pricePerRequest = 0.03 / 10_000
    /// The stated scale: 100 PUT/s and 100 GET/s.
    public static let requestsPerSecond = (puts: 100, gets: 100)
    /// The stated period: 30 days.
    public static let days = 30

    /// Objects per bucket.
    public var objects: Int
    /// The bucket without Bucket Keys.
    public var without: BucketKMSCalls
    /// The bucket with Bucket Keys.
    public var with: BucketKMSCalls

    public init(objects: Int, without: BucketKMSCalls, with: BucketKMSCalls) {
        self.objects = objects
        self.without = without
        self.with = with
    }

    /// How many fewer KMS calls Bucket Keys made, in percent: `(1 - with / without) × 100`.
    public var reductionPercent: Double {
        guard without.total > 0 else { return 0 }
        return (1 - Double(with.total) / Double(without.total)) * 100
    }

    /// S3 requests in a month at the stated scale.
    public static var monthlyRequests: Int {
        (requestsPerSecond.puts + requestsPerSecond.gets) * 86_400 * days
    }

    /// KMS requests in a month at the stated scale, at the KMS calls per S3 request measured for `calls`.
    public func monthlyKMSRequests(_ calls: BucketKMSCalls) -> Int {
        guard objects > 0 else { return 0 }
        let perRequest = Double(calls.total) / Double(2 * objects)
        return Int((Double(Self.monthlyRequests) * perRequest).rounded())
    }

    /// Their cost at the list price, in dollars.
    public func monthlyCost(_ calls: BucketKMSCalls) -> Double {
        Double(monthlyKMSRequests(calls)) * Self.pricePerRequest
    }

    /// The table, with fixed labels so scripts can read it; the last line is `reduction: <n>%`.
    public var lines: [String] {
        let columns = ["PUT calls", "GET calls", "total"]
        func row(_ label: String, _ values: [String], widths: [Int] = [12, 12, 12]) -> String {
            label.padding(toLength: 22, withPad: " ", startingAt: 0)
                + zip(values, widths).map { String(repeating: " ", count: max(0, $1 - $0.count)) + $0 }.joined()
        }
        return [
            "KMS calls made by S3 for \(objects) PUTs and \(objects) GETs per bucket "
                + "(coffer_kms_requests_total{caller=\"s3\"}):",
            row("", columns),
            row("without Bucket Keys", [without.puts, without.gets, without.total].map(String.init)),
            row("with Bucket Keys", [with.puts, with.gets, with.total].map(String.init)),
            "",
            "Estimated KMS request cost per month at \(Self.requestsPerSecond.puts) PUT/s and "
                + "\(Self.requestsPerSecond.gets) GET/s for \(Self.days) days "
                + "(\(Self.grouped(Self.monthlyRequests)) S3 requests),",
            "at the AWS list price of $0.03 per 10,000 KMS requests and the calls per request measured above:",
            row("without Bucket Keys", costCells(without), widths: [26, 12]),
            row("with Bucket Keys", costCells(with), widths: [26, 12]),
            "",
            "reduction: \(String(format: "%.2f", reductionPercent))%",
        ]
    }

    private func costCells(_ calls: BucketKMSCalls) -> [String] {
        [Self.grouped(monthlyKMSRequests(calls)) + " KMS requests", Self.dollars(monthlyCost(calls))]
    }

    /// `1234567` as `1,234,567`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result += "," }
            result.append(digit)
        }
        return result
    }

    /// `1555.2` as `$1,555.20`.
    static func dollars(_ value: Double) -> String {
        let cents = Int((value * 100).rounded())
        return "$" + grouped(cents / 100) + "." + String(format: "%02d", cents % 100)
    }
}
