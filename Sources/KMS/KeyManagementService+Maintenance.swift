import Foundation
import Logging

extension KeyManagementService {
    /// Deletes keys whose deletion window has ended and rotates keys whose rotation is due, as of `clock.now()`.
    /// Called by `KMSMaintenanceService` on a timer, and directly by tests with an injected clock.
    ///
    /// Deleting a key removes its material, rotations, aliases, tags and policy. Only Enabled keys rotate: a
    /// Disabled key keeps its schedule and rotates at the first run after it is enabled again.
    public func performDueMaintenance() async throws {
        let now = clock.now()
        let snapshot = store
        let dueDeletions = snapshot.keys.values.filter { $0.lifecycle.deletionIsDue(at: now) }.map(\.id)
        let dueRotations = snapshot.keys.values.filter {
            $0.lifecycle.keyState == .enabled && $0.rotation.isDue(at: now)
        }.map(\.id)
        guard !dueDeletions.isEmpty || !dueRotations.isEmpty else { return }
        let (deleted, rotated) = try await commit(.scheduleKeyDeletion) { store, rows in
            var deleted: [String] = []
            var rotated: [String] = []
            for id in dueDeletions {
                guard let key = store.keys[id], key.lifecycle.deletionIsDue(at: now) else { continue }
                rows.deleteKey(keyId: key.keyId)
                store.keys[id] = nil
                store.aliases = store.aliases.filter { $0.value.targetKeyID != id }
                deleted.append(key.arn)
            }
            for id in dueRotations {
                guard var key = store.keys[id], key.lifecycle.keyState == .enabled, key.rotation.isDue(at: now) else {
                    continue
                }
                key.rotation.rotatedAutomatically(at: now)
                try self.rotate(&key, to: .generate(), at: now, type: .automatic, store: &store, rows: &rows)
                rotated.append(key.arn)
            }
            return (deleted, rotated)
        }
        for arn in deleted { await recordServiceEvent("DeleteKey", keyArn: arn) }
        for arn in rotated { await recordServiceEvent("RotateKey", keyArn: arn) }
        logger.info(
            "kms maintenance done", metadata: ["deleted_keys": "\(deleted.count)", "rotated_keys": "\(rotated.count)"])
    }
}
