import Synchronization

/// What one call resolved, for its audit event: the keys it touched and the material version it used; and
/// whether it was charged to a request quota yet (a failed call that was not is charged once, at the end).
///
/// Created per call by ``KeyManagementService/perform(_:_:_:_:)``. The call's body may run partly on the database's
/// writer thread (inside `commit`), so the record sits behind a `Mutex`; it is never contended.
final class KMSCallTrace: Sendable {
    struct Record: Sendable {
        /// The ARNs of the keys the call resolved, in order, without repeats.
        var keyArns: [String] = []
        /// The symmetric material version the call used, as 64 hex characters.
        var keyMaterialId: String?
        /// True once the call took (or was refused) a token of a request quota.
        var charged = false
    }

    private let record = Mutex(Record())

    /// Notes that the call resolved `arn`.
    func touched(_ arn: String) {
        record.withLock { record in
            if !record.keyArns.contains(arn) { record.keyArns.append(arn) }
        }
    }

    /// Notes the material version the call encrypted or decrypted with.
    func used(materialId: String) {
        record.withLock { $0.keyMaterialId = materialId }
    }

    /// Notes that the call was charged to a request quota.
    func charged() {
        record.withLock { $0.charged = true }
    }

    /// What was noted so far.
    var snapshot: Record { record.withLock { $0 } }
}
