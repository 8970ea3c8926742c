/// The request rates of the three quota families, in requests per second per account; 0 means unlimited.
///
/// Each family is a token bucket that refills at its rate and holds at most one second's worth of requests
/// (burst = rate), so a client may spend a whole second's budget at once and is then throttled until tokens
/// come back. AWS documents its quotas as "requests per second" and allows short bursts above the
/// instantaneous rate; a one-second bucket is the simplest model of that.
///
/// The defaults (see `docs/quotas.md`, reference §1.8):
/// - symmetric 10,000/s: AWS's current default quota for the shared symmetric pool in most regions, inside the
///   lecture's 5,500 to 30,000/s range by region;
/// - RSA 500/s and ECC 300/s: the lecture's figures (AWS's long-standing defaults; its current pages say
///   1,000/s for both). The lower numbers keep what a student measures on Coffer within what AWS allows.
///
/// Set them with `--kms-quota-symmetric`, `--kms-quota-rsa` and `--kms-quota-ecc`.
public struct QuotaConfiguration: Sendable, Hashable {
    /// The default symmetric rate: 10,000 requests per second.
    public static let defaultSymmetric = 10_000
    /// The default RSA rate: 500 requests per second.
    public static let defaultRSA = 500
    /// The default ECC rate: 300 requests per second.
    public static let defaultECC = 300

    /// Requests per second for the symmetric family; 0 = unlimited.
    public var symmetric: Int
    /// Requests per second for the RSA family; 0 = unlimited.
    public var rsa: Int
    /// Requests per second for the ECC family; 0 = unlimited.
    public var ecc: Int

    /// Creates a configuration; every rate must be 0 (unlimited) or positive.
    public init(
        symmetric: Int = Self.defaultSymmetric, rsa: Int = Self.defaultRSA, ecc: Int = Self.defaultECC
    ) {
        self.symmetric = symmetric
        self.rsa = rsa
        self.ecc = ecc
    }

    /// No quota at all: every call is admitted.
    public static let unlimited = QuotaConfiguration(symmetric: 0, rsa: 0, ecc: 0)

    /// The rate of `family` in requests per second; 0 = unlimited.
    public subscript(family: QuotaFamily) -> Int {
        get {
            switch family {
            case .symmetric: symmetric
            case .rsa: rsa
            case .ecc: ecc
            }
        }
        set {
            switch family {
            case .symmetric: symmetric = newValue
            case .rsa: rsa = newValue
            case .ecc: ecc = newValue
            }
        }
    }

    /// The families whose rate is negative, which a command line must reject (`validate()`).
    public var invalidFamilies: [QuotaFamily] {
        QuotaFamily.allCases.filter { self[$0] < 0 }
    }
}
