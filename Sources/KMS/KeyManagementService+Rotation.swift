import AuditTrail
import Foundation

extension KeyManagementService {
    /// EnableKeyRotation: period 90...2560 days, default 365.
    public func enableKeyRotation(keyId: String, rotationPeriodInDays: Int?, caller: KMSCaller) async throws(KMSError) {
        let parameters = AuditFields.request(
            keyId: keyId, extra: rotationPeriodInDays.map { [.rotationPeriodInDays: .int($0)] } ?? [:])
        try await perform(.enableKeyRotation, caller, parameters) { caller throws(KMSError) in
            let period = rotationPeriodInDays ?? RotationSchedule.defaultPeriodInDays
            guard RotationSchedule.periodRange.contains(period) else {
                throw .outOfRange(period, member: "rotationPeriodInDays", range: RotationSchedule.periodRange)
            }
            try await updateKey(keyId, .enableKeyRotation, caller) { key, now throws(KMSError) in
                try Self.requireRotatable(key)
                key.rotation.enable(periodInDays: period, now: now)
            }
        }
    }

    /// DisableKeyRotation.
    public func disableKeyRotation(keyId: String, caller: KMSCaller) async throws(KMSError) {
        try await perform(.disableKeyRotation, caller, .request(keyId: keyId)) { caller throws(KMSError) in
            try await updateKey(keyId, .disableKeyRotation, caller) { key, _ throws(KMSError) in
                try Self.requireRotatable(key)
                key.rotation.disable()
            }
        }
    }

    /// GetKeyRotationStatus: a key pending deletion reports false (its settings come back on cancel).
    public func getKeyRotationStatus(keyId: String, caller: KMSCaller) async throws(KMSError) -> RotationStatus {
        try await perform(.getKeyRotationStatus, caller, .request(keyId: keyId)) { caller throws(KMSError) in
            let key = try self.key(keyId, for: .getKeyRotationStatus, caller: caller, forms: .keyOnly, in: store)
            try Self.requireRotatable(key)
            guard key.lifecycle.keyState != .pendingDeletion, key.rotation.enabled else {
                return RotationStatus(
                    keyId: key.keyId, enabled: false, rotationPeriodInDays: nil, nextRotationDate: nil)
            }
            return RotationStatus(
                keyId: key.keyId, enabled: true, rotationPeriodInDays: key.rotation.periodInDays,
                nextRotationDate: key.rotation.nextRotationDate)
        }
    }

    /// RotateKeyOnDemand (at most 25 per key; the automatic schedule is not shifted). Returns the key id.
    public func rotateKeyOnDemand(keyId: String, caller: KMSCaller) async throws(KMSError) -> String {
        try await perform(.rotateKeyOnDemand, caller, .request(keyId: keyId)) { caller throws(KMSError) in
            let now = clock.now()
            let material = KeyMaterialVersion.generate()
            return try await commit(.rotateKeyOnDemand) { store, rows in
                var key = try self.key(keyId, for: .rotateKeyOnDemand, caller: caller, forms: .keyOnly, in: store)
                try self.requireCustomerManaged(key, .rotateKeyOnDemand, caller)
                try Self.requireRotatable(key)
                try key.rotation.rotatedOnDemand(arn: key.arn)
                try self.rotate(&key, to: material, at: now, type: .onDemand, store: &store, rows: &rows)
                return key.keyId
            }
        }
    }

    /// ListKeyRotations: `limit` 1...1000 (default 100), oldest first.
    public func listKeyRotations(keyId: String, limit: Int?, marker: String?, caller: KMSCaller) async throws(KMSError)
        -> Page<RotationEntry>
    {
        try await perform(.listKeyRotations, caller, .request(keyId: keyId)) { caller throws(KMSError) in
            let limit = try Paging.limit(limit, default: 100, range: 1...1000)
            let key = try self.key(keyId, for: .listKeyRotations, caller: caller, forms: .keyOnly, in: store)
            try Self.requireRotatable(key)
            let ordered = key.rotations.enumerated().map { (String(format: "%06d", $0.offset), $0.element) }
            let page = try Paging.page(ordered, limit: limit, marker: marker, sortKey: \.0)
            return Page(items: page.items.map(\.1), nextMarker: page.nextMarker)
        }
    }

    /// Only symmetric keys rotate; the others answer UnsupportedOperationException.
    static func requireRotatable(_ key: KMSKey) throws(KMSError) {
        guard key.keySpec == .symmetricDefault else {
            throw .init(.unsupportedOperation, "\(key.arn) key spec \(key.keySpec.rawValue) does not support rotation.")
        }
    }

    /// Appends `material` as the key's current version, in the store and in the database.
    func rotate(
        _ key: inout KMSKey, to material: KeyMaterialVersion, at now: Date, type: RotationEntry.RotationType,
        store: inout KeyStore, rows: inout KeyRowRecorder
    ) throws {
        let sealed = try seal(material, for: key.id)
        key.rotate(to: material, at: now, type: type)
        rows.rotateKey(key, material: sealed, entry: key.rotations[key.rotations.count - 1])
        store.keys[key.id] = key
    }
}
