import Foundation

/// The lifecycle of a key as a value: Enabled, Disabled or PendingDeletion (reference §1.4).
///
/// Events either return the next lifecycle or throw AWS's exact error; the key service performs the side
/// effects (persisting, deleting). No I/O happens here, so the whole table is unit-tested directly.
struct KeyLifecycle: Sendable, Equatable {
    private enum State: Equatable {
        case enabled
        case disabled
        case pendingDeletion(deletionDate: Date, windowInDays: Int)
    }

    private var state: State

    /// A freshly created key.
    static let enabled = KeyLifecycle(state: .enabled)

    private init(state: State) { self.state = state }

    /// Restores a persisted lifecycle; nil when the stored columns are inconsistent.
    init?(keyState: KeyState, deletionDate: Date?, pendingWindowInDays: Int?) {
        switch (keyState, deletionDate, pendingWindowInDays) {
        case (.enabled, nil, nil): state = .enabled
        case (.disabled, nil, nil): state = .disabled
        case (.pendingDeletion, let date?, let window?):
            state = .pendingDeletion(deletionDate: date, windowInDays: window)
        default: return nil
        }
    }

    /// The AWS `KeyState`.
    var keyState: KeyState {
        switch state {
        case .enabled: .enabled
        case .disabled: .disabled
        case .pendingDeletion: .pendingDeletion
        }
    }

    /// When the key will be deleted; only while PendingDeletion.
    var deletionDate: Date? {
        if case .pendingDeletion(let date, _) = state { return date }
        return nil
    }

    /// The deletion window; only while PendingDeletion.
    var pendingWindowInDays: Int? {
        if case .pendingDeletion(_, let window) = state { return window }
        return nil
    }

    /// Allows `operation` in the current state, or throws the error the key-state table gives.
    func permit(_ operation: KMSOperation, arn: String) throws(KMSError) {
        switch (operation.stateRule, state) {
        case (.anyState, _), (.enabledOnly, .enabled), (.notPendingDeletion, .enabled),
            (.notPendingDeletion, .disabled), (.pendingDeletionOnly, .pendingDeletion):
            return
        case (.enabledOnly, .disabled):
            throw .disabled(arn: arn)
        case (.enabledOnly, .pendingDeletion), (.notPendingDeletion, .pendingDeletion):
            throw .pendingDeletion(arn: arn)
        case (.pendingDeletionOnly, .enabled), (.pendingDeletionOnly, .disabled):
            throw .notPendingDeletion(arn: arn)
        }
    }

    /// EnableKey: Enabled or Disabled → Enabled.
    mutating func enable(arn: String) throws(KMSError) {
        try permit(.enableKey, arn: arn)
        state = .enabled
    }

    /// DisableKey: Enabled or Disabled → Disabled.
    mutating func disable(arn: String) throws(KMSError) {
        try permit(.disableKey, arn: arn)
        state = .disabled
    }

    /// ScheduleKeyDeletion: Enabled or Disabled → PendingDeletion for `windowInDays` days from `now`.
    mutating func scheduleDeletion(windowInDays: Int, now: Date, arn: String) throws(KMSError) {
        try permit(.scheduleKeyDeletion, arn: arn)
        let date = now.addingTimeInterval(TimeInterval(windowInDays) * 86_400)
        state = .pendingDeletion(deletionDate: date, windowInDays: windowInDays)
    }

    /// CancelKeyDeletion: PendingDeletion → Disabled (never straight back to Enabled).
    mutating func cancelDeletion(arn: String) throws(KMSError) {
        try permit(.cancelKeyDeletion, arn: arn)
        state = .disabled
    }

    /// Whether the deletion window has ended at `now`, so the key must be deleted.
    func deletionIsDue(at now: Date) -> Bool {
        guard let deletionDate else { return false }
        return deletionDate <= now
    }
}
