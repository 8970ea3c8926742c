/// The throttle decisions made so far, per family and per account, for the admin endpoints and tests.
///
/// Only families with a limit are counted: an unlimited family is admitted without taking a lock.
public struct QuotaSnapshot: Sendable, Hashable {
    /// The decisions of one family.
    public struct Counts: Sendable, Hashable {
        /// Calls admitted.
        public var admitted: Int
        /// Calls refused with ThrottlingException.
        public var throttled: Int

        /// Creates counts, zero by default.
        public init(admitted: Int = 0, throttled: Int = 0) {
            self.admitted = admitted
            self.throttled = throttled
        }

        mutating func record(admitted wasAdmitted: Bool) {
            if wasAdmitted { admitted += 1 } else { throttled += 1 }
        }

        static func + (lhs: Counts, rhs: Counts) -> Counts {
            Counts(admitted: lhs.admitted + rhs.admitted, throttled: lhs.throttled + rhs.throttled)
        }
    }

    /// The decisions per account id and family.
    public var accounts: [String: [QuotaFamily: Counts]]

    /// Creates a snapshot from per-account counts.
    public init(accounts: [String: [QuotaFamily: Counts]] = [:]) {
        self.accounts = accounts
    }

    /// The decisions of `family` summed over all accounts.
    public func total(_ family: QuotaFamily) -> Counts {
        accounts.values.reduce(Counts()) { $0 + ($1[family] ?? Counts()) }
    }
}
