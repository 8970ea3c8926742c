/// The principals named by a statement's `Principal` or `NotPrincipal` element.
///
/// `{"AWS": ...}` takes `*`, a 12-digit account id, the account's root ARN (`arn:aws:iam::<acct>:root`, which
/// means the account), or the ARN of a user, role or assumed-role session (exact match: IAM allows no
/// wildcards inside principal ARNs). `{"Service": ...}` names service principals; `Federated` and
/// `CanonicalUser` are accepted and never match a Coffer caller.
struct PrincipalSet: Sendable, Hashable {
    /// `"*"` or `{"AWS": "*"}`: everyone.
    var everyone = false
    // Lists rather than sets: a statement names a handful of principals, and comparing bytes is cheaper than
    // hashing the caller's ARN on every evaluation.

    /// Accounts named by id or root ARN.
    var accounts: [String] = []
    /// Exact principal ARNs (users, roles).
    var arns: [String] = []
    /// Service principals such as `s3.amazonaws.com`.
    var services: [String] = []

    /// How a statement's principal element covers a caller.
    enum Match: Sendable, Comparable {
        case none
        /// Through the caller's account: for an IAM user this delegates to IAM, so the user's identity policy
        /// must also allow the action.
        case account
        /// By the caller's own ARN, `*`, or the account for the root user: enough on its own in the same account.
        case direct
    }

    /// How a `Principal` element with these principals covers `principal`.
    func match(_ principal: PrincipalRef) -> Match {
        if self.everyone || Self.list(self.arns, has: principal.arn) || Self.list(self.services, has: principal.arn) {
            return .direct
        }
        if Self.list(self.accounts, has: principal.accountId) { return principal.isRoot ? .direct : .account }
        return .none
    }

    /// Whether a `NotPrincipal` element with these principals exempts `principal`.
    ///
    /// AWS treats a request as coming from both the caller and the caller's account, so an IAM user is exempt
    /// only when both its ARN and its account are listed (IAM user guide, "NotPrincipal"); a root user only
    /// needs its account.
    func exempts(_ principal: PrincipalRef) -> Bool {
        if self.everyone { return true }
        let callerListed =
            principal.isRoot || Self.list(self.arns, has: principal.arn) || Self.list(self.services, has: principal.arn)
        return callerListed && Self.list(self.accounts, has: principal.accountId)
    }

    private static func list(_ list: [String], has value: String) -> Bool {
        list.contains { UTF8Bytes.equal($0, value) }
    }
}

extension PrincipalSet {
    /// Parses a `Principal`/`NotPrincipal` value.
    static func parse(_ value: JSONValue) throws(PolicyError) -> PrincipalSet {
        var set = PrincipalSet()
        switch value {
        case .string("*"):
            set.everyone = true
        case .object(let map) where !map.isEmpty:
            for (type, entries) in map {
                guard let entries = entries.stringList else { throw .invalidPrincipal }
                for entry in entries { try set.add(entry, type: type) }
            }
        default:
            throw .invalidPrincipal
        }
        return set
    }

    private mutating func add(_ entry: String, type: String) throws(PolicyError) {
        switch type {
        case "AWS":
            if entry == "*" {
                self.everyone = true
            } else if Self.isAccountId(entry) {
                Self.append(entry, to: &self.accounts)
            } else if let account = Self.rootAccount(entry) {
                Self.append(account, to: &self.accounts)
            } else if Self.isPrincipalArn(entry) {
                Self.append(entry, to: &self.arns)
            } else {
                throw .invalidPrincipal
            }
        case "Service":
            guard !entry.isEmpty, !entry.contains(where: { $0 == "*" || $0 == "?" }) else { throw .invalidPrincipal }
            Self.append(entry, to: &self.services)
        case "Federated", "CanonicalUser":
            guard !entry.isEmpty else { throw .invalidPrincipal }
        default:
            throw .invalidPrincipal
        }
    }

    private static func append(_ entry: String, to list: inout [String]) {
        if !list.contains(entry) { list.append(entry) }
    }

    /// Whether `text` is a 12-digit account id.
    static func isAccountId(_ text: String) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// The account of `arn:<partition>:iam::<account>:root`, else nil.
    private static func rootAccount(_ arn: String) -> String? {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", !parts[1].isEmpty, parts[2] == "iam", parts[3].isEmpty,
            parts[5] == "root", isAccountId(String(parts[4]))
        else { return nil }
        return String(parts[4])
    }

    /// Whether `arn` is an IAM or STS principal ARN (`arn:aws:iam::<acct>:user/...`, `role/...`,
    /// `arn:aws:sts::<acct>:assumed-role/...`), with no wildcard.
    private static func isPrincipalArn(_ arn: String) -> Bool {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", !parts[1].isEmpty, parts[2] == "iam" || parts[2] == "sts",
            parts[3].isEmpty, isAccountId(String(parts[4])), parts[5].contains("/"),
            !arn.contains(where: { $0 == "*" || $0 == "?" })
        else { return false }
        return true
    }
}
