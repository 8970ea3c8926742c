import Foundation

/// The automatic-rotation settings of a key and its on-demand rotation count (reference §2).
///
/// The next automatic rotation is `anchor + periodInDays`; the anchor is when rotation was enabled or when
/// the key last rotated automatically. On-demand rotations do not move it.
struct RotationSchedule: Sendable, Equatable {
    /// AWS's default and the AWS managed keys' period.
    static let defaultPeriodInDays = 365
    /// The allowed `RotationPeriodInDays`.
    static let periodRange = 90...2560
    /// The lifetime limit of RotateKeyOnDemand per key.
    static let onDemandLimit = 25

    var enabled: Bool
    var periodInDays: Int
    var anchor: Date?
    var onDemandCount: Int

    /// Rotation off, as for a new customer managed key.
    static let disabled = RotationSchedule(
        enabled: false, periodInDays: defaultPeriodInDays, anchor: nil, onDemandCount: 0)

    /// Rotation on and yearly from `now`, as for an AWS managed key.
    static func yearly(from now: Date) -> RotationSchedule {
        RotationSchedule(enabled: true, periodInDays: defaultPeriodInDays, anchor: now, onDemandCount: 0)
    }

    /// The next automatic rotation, when enabled.
    var nextRotationDate: Date? {
        guard enabled, let anchor else { return nil }
        return anchor.addingTimeInterval(TimeInterval(periodInDays) * 86_400)
    }

    /// Whether an automatic rotation is due at `now`.
    func isDue(at now: Date) -> Bool {
        guard let next = nextRotationDate else { return false }
        return next <= now
    }

    /// EnableKeyRotation: turns rotation on (keeping the anchor if it already was) with a new period.
    mutating func enable(periodInDays: Int, now: Date) {
        if !enabled || anchor == nil { anchor = now }
        enabled = true
        self.periodInDays = periodInDays
    }

    /// DisableKeyRotation.
    mutating func disable() {
        enabled = false
        anchor = nil
    }

    /// Records an automatic rotation at `now`: the next one is a full period later.
    mutating func rotatedAutomatically(at now: Date) { anchor = now }

    /// Records an on-demand rotation, or throws LimitExceededException once 25 were done.
    mutating func rotatedOnDemand(arn: String) throws(KMSError) {
        guard onDemandCount < Self.onDemandLimit else {
            throw KMSError(
                .limitExceeded,
                "The on-demand rotations limit has been reached for the given keyId. "
                    + "No more on-demand rotations can be performed for this key: \(arn)")
        }
        onDemandCount += 1
    }
}
