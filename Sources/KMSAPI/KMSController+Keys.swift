import KMS
import NIOCore

/// Handlers of the key lifecycle operations.
extension KMSController {
    func createKey(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(CreateKeyInput.self, from: body).validated()
        let metadata = try await kms.createKey(input.request(), caller: caller)
        return try KMSJSON.encode(KeyMetadataOutput(metadata))
    }

    func describeKey(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(KeyIdInput.self, from: body).validated()
        let metadata = try await kms.describeKey(keyId: input.keyId ?? "", caller: caller)
        return try KMSJSON.encode(KeyMetadataOutput(metadata))
    }

    func listKeys(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(ListKeysInput.self, from: body).validated()
        let page = try await kms.listKeys(limit: input.limit, marker: input.marker, caller: caller)
        return try KMSJSON.encode(ListKeysOutput(page))
    }

    func updateKeyDescription(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(UpdateKeyDescriptionInput.self, from: body).validated()
        try await kms.updateKeyDescription(
            keyId: input.keyId ?? "", description: input.description ?? "", caller: caller)
        return Self.emptyOutput
    }

    func enableKey(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(KeyIdInput.self, from: body).validated()
        try await kms.enableKey(keyId: input.keyId ?? "", caller: caller)
        return Self.emptyOutput
    }

    func disableKey(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(KeyIdInput.self, from: body).validated()
        try await kms.disableKey(keyId: input.keyId ?? "", caller: caller)
        return Self.emptyOutput
    }

    func scheduleKeyDeletion(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(ScheduleKeyDeletionInput.self, from: body).validated()
        let metadata = try await kms.scheduleKeyDeletion(
            keyId: input.keyId ?? "", pendingWindowInDays: input.pendingWindowInDays, caller: caller
        )
        return try KMSJSON.encode(ScheduleKeyDeletionOutput(metadata))
    }

    func cancelKeyDeletion(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(KeyIdInput.self, from: body).validated()
        let keyArn = try await kms.cancelKeyDeletion(keyId: input.keyId ?? "", caller: caller)
        return try KMSJSON.encode(KeyIdOutput(keyId: keyArn))
    }
}
