import Foundation
import Testing

@testable import KMS

@Suite("Rotation")
struct RotationTests {
    static func encrypt(_ kms: KeyManagementService, _ keyId: String, _ byte: UInt8) async throws -> EncryptResult {
        try await kms.encrypt(
            keyId: keyId, plaintext: [byte], encryptionContext: ["n": "\(byte)"], encryptionAlgorithm: nil,
            caller: Fixture.caller)
    }

    static func decrypt(_ kms: KeyManagementService, _ result: EncryptResult, _ byte: UInt8) async throws
        -> DecryptResult
    {
        try await kms.decrypt(
            ciphertextBlob: result.ciphertextBlob, encryptionContext: ["n": "\(byte)"], keyId: nil,
            encryptionAlgorithm: nil,
            caller: Fixture.caller)
    }

    @Test func onDemandRotationKeepsOldCiphertextsDecrypting() async throws {
        let kms = try Fixture.kms()
        let key = try await Fixture.key(kms)
        let before = try await Self.encrypt(kms, key.keyId, 1)
        #expect(try await kms.rotateKeyOnDemand(keyId: key.arn, caller: Fixture.caller) == key.keyId)
        let rotated = try await kms.describeKey(keyId: key.keyId, caller: Fixture.caller)
        #expect(rotated.currentKeyMaterialId != key.currentKeyMaterialId)
        let after = try await Self.encrypt(kms, key.keyId, 2)
        #expect(after.keyMaterialId == rotated.currentKeyMaterialId)
        #expect(try await Self.decrypt(kms, before, 1).keyMaterialId == key.currentKeyMaterialId)
        #expect(try await Self.decrypt(kms, before, 1).plaintext.bytes == [1])
        #expect(try await Self.decrypt(kms, after, 2).keyMaterialId == rotated.currentKeyMaterialId)
        let rotations = try await kms.listKeyRotations(
            keyId: key.keyId, limit: nil, marker: nil, caller: Fixture.caller)
        #expect(rotations.items.map(\.keyMaterialId) == [rotated.currentKeyMaterialId])
        #expect(rotations.items.first?.rotationType == .onDemand)
    }

    @Test func onDemandLimitIs25() async throws {
        let kms = try Fixture.kms()
        let key = try await Fixture.key(kms)
        for _ in 0..<25 { _ = try await kms.rotateKeyOnDemand(keyId: key.keyId, caller: Fixture.caller) }
        let error = await kmsError { () async throws(KMSError) in
            _ = try await kms.rotateKeyOnDemand(keyId: key.keyId, caller: Fixture.caller)
        }
        #expect(
            error
                == KMSError(
                    .limitExceeded,
                    "The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: \(key.arn)"
                ))
        let first = try await kms.listKeyRotations(keyId: key.keyId, limit: 10, marker: nil, caller: Fixture.caller)
        #expect(first.items.count == 10 && first.truncated)
        var all = first.items
        var marker = first.nextMarker
        while let next = marker {
            let page = try await kms.listKeyRotations(keyId: key.keyId, limit: 10, marker: next, caller: Fixture.caller)
            all += page.items
            marker = page.nextMarker
        }
        #expect(all.count == 25)
        #expect(Set(all.map(\.keyMaterialId)).count == 25)
    }

    @Test func rotationPeriodValidationAndStatus() async throws {
        let clock = TestClock()
        let kms = try Fixture.kms(clock: clock)
        let key = try await Fixture.key(kms)
        var status = try await kms.getKeyRotationStatus(keyId: key.keyId, caller: Fixture.caller)
        #expect(
            status == RotationStatus(keyId: key.keyId, enabled: false, rotationPeriodInDays: nil, nextRotationDate: nil)
        )
        for bad in [89, 2561] {
            let error = await kmsError { () async throws(KMSError) in
                try await kms.enableKeyRotation(keyId: key.keyId, rotationPeriodInDays: bad, caller: Fixture.caller)
            }
            #expect(error == .outOfRange(bad, member: "rotationPeriodInDays", range: 90...2560))
        }
        try await kms.enableKeyRotation(keyId: key.keyId, rotationPeriodInDays: nil, caller: Fixture.caller)
        status = try await kms.getKeyRotationStatus(keyId: key.keyId, caller: Fixture.caller)
        #expect(status.enabled && status.rotationPeriodInDays == 365)
        #expect(status.nextRotationDate == clock.now().addingTimeInterval(365 * 86_400))
        try await kms.enableKeyRotation(keyId: key.keyId, rotationPeriodInDays: 90, caller: Fixture.caller)
        status = try await kms.getKeyRotationStatus(keyId: key.keyId, caller: Fixture.caller)
        #expect(status.rotationPeriodInDays == 90)
        #expect(status.nextRotationDate == clock.now().addingTimeInterval(90 * 86_400))
        try await kms.disableKeyRotation(keyId: key.keyId, caller: Fixture.caller)
        #expect(try await kms.getKeyRotationStatus(keyId: key.keyId, caller: Fixture.caller).enabled == false)
    }

    @Test func automaticRotationWithAFixedClock() async throws {
        let clock = TestClock()
        let kms = try Fixture.kms(clock: clock)
        let key = try await Fixture.key(kms)
        let old = try await Self.encrypt(kms, key.keyId, 1)
        try await kms.enableKeyRotation(keyId: key.keyId, rotationPeriodInDays: 90, caller: Fixture.caller)
        _ = try await kms.rotateKeyOnDemand(keyId: key.keyId, caller: Fixture.caller)

        clock.advance(days: 89)
        try await kms.performDueMaintenance()
        #expect(
            try await kms.listKeyRotations(keyId: key.keyId, limit: nil, marker: nil, caller: Fixture.caller).items
                .count == 1)

        clock.advance(days: 1)
        try await kms.performDueMaintenance()
        let rotations = try await kms.listKeyRotations(
            keyId: key.keyId, limit: nil, marker: nil, caller: Fixture.caller
        ).items
        #expect(rotations.map(\.rotationType) == [.onDemand, .automatic])
        #expect(rotations.last?.rotationDate == clock.now())
        let status = try await kms.getKeyRotationStatus(keyId: key.keyId, caller: Fixture.caller)
        #expect(status.nextRotationDate == clock.now().addingTimeInterval(90 * 86_400))
        #expect(try await Self.decrypt(kms, old, 1).plaintext.bytes == [1])
        #expect(
            try await kms.describeKey(keyId: key.keyId, caller: Fixture.caller).currentKeyMaterialId
                == rotations.last?.keyMaterialId)
    }

    @Test func disabledKeysAreNotRotatedUntilEnabled() async throws {
        let clock = TestClock()
        let kms = try Fixture.kms(clock: clock)
        let key = try await Fixture.key(kms)
        try await kms.enableKeyRotation(keyId: key.keyId, rotationPeriodInDays: 90, caller: Fixture.caller)
        try await kms.disableKey(keyId: key.keyId, caller: Fixture.caller)
        clock.advance(days: 100)
        try await kms.performDueMaintenance()
        #expect(
            try await kms.listKeyRotations(keyId: key.keyId, limit: nil, marker: nil, caller: Fixture.caller).items
                .isEmpty)
        try await kms.enableKey(keyId: key.keyId, caller: Fixture.caller)
        try await kms.performDueMaintenance()
        #expect(
            try await kms.listKeyRotations(keyId: key.keyId, limit: nil, marker: nil, caller: Fixture.caller).items
                .count == 1)
    }
}
