import KMS
import NIOCore

/// Handlers of the rotation operations.
extension KMSController {
    func enableKeyRotation(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(EnableKeyRotationInput.self, from: body).validated()
        try await kms.enableKeyRotation(
            keyId: input.keyId ?? "", rotationPeriodInDays: input.rotationPeriodInDays, caller: caller
        )
        return Self.emptyOutput
    }

    func disableKeyRotation(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(KeyIdInput.self, from: body).validated()
        try await kms.disableKeyRotation(keyId: input.keyId ?? "", caller: caller)
        return Self.emptyOutput
    }

    func getKeyRotationStatus(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(KeyIdInput.self, from: body).validated()
        let status = try await kms.getKeyRotationStatus(keyId: input.keyId ?? "", caller: caller)
        return try KMSJSON.encode(GetKeyRotationStatusOutput(status))
    }

    func rotateKeyOnDemand(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(KeyIdInput.self, from: body).validated()
        let keyId = try await kms.rotateKeyOnDemand(keyId: input.keyId ?? "", caller: caller)
        return try KMSJSON.encode(KeyIdOutput(keyId: keyId))
    }

    func listKeyRotations(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(ListKeyRotationsInput.self, from: body).validated()
        let page = try await kms.listKeyRotations(
            keyId: input.keyId ?? "", limit: input.limit, marker: input.marker, caller: caller
        )
        return try KMSJSON.encode(ListKeyRotationsOutput(page))
    }
}
