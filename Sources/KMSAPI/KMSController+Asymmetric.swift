import KMS
import NIOCore

/// Handlers of the asymmetric and HMAC operations.
extension KMSController {
    func getPublicKey(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(KeyIdInput.self, from: body).validated()
        let result = try await kms.getPublicKey(keyId: input.keyId ?? "", caller: caller)
        return try KMSJSON.encode(GetPublicKeyOutput(result))
    }

    func sign(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(SignInput.self, from: body).validated()
        let result = try await kms.sign(
            keyId: input.keyId ?? "", message: input.message?.bytes ?? [], messageType: input.messageType,
            signingAlgorithm: input.signingAlgorithm ?? "", caller: caller
        )
        return try KMSJSON.encode(SignOutput(result))
    }

    func verify(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        var input = try KMSJSON.decode(SignInput.self, from: body)
        input.verifying = true
        input = try input.validated()
        let result = try await kms.verify(
            keyId: input.keyId ?? "", message: input.message?.bytes ?? [], messageType: input.messageType,
            signature: input.signature?.bytes ?? [], signingAlgorithm: input.signingAlgorithm ?? "", caller: caller
        )
        return try KMSJSON.encode(VerifyOutput(result))
    }

    func generateMac(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(MacInput.self, from: body).validated()
        let result = try await kms.generateMac(
            keyId: input.keyId ?? "", message: input.message?.bytes ?? [], macAlgorithm: input.macAlgorithm ?? "",
            caller: caller
        )
        return try KMSJSON.encode(GenerateMacOutput(result))
    }

    func verifyMac(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        var input = try KMSJSON.decode(MacInput.self, from: body)
        input.verifying = true
        input = try input.validated()
        let result = try await kms.verifyMac(
            keyId: input.keyId ?? "", message: input.message?.bytes ?? [], mac: input.mac?.bytes ?? [],
            macAlgorithm: input.macAlgorithm ?? "", caller: caller
        )
        return try KMSJSON.encode(VerifyMacOutput(result))
    }

    func generateDataKeyPair(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(GenerateDataKeyPairInput.self, from: body).validated()
        let result = try await kms.generateDataKeyPair(
            keyId: input.keyId ?? "", keyPairSpec: try input.spec(),
            encryptionContext: input.encryptionContext ?? [:], caller: caller
        )
        return try KMSJSON.encode(GenerateDataKeyPairOutput(result))
    }

    func generateDataKeyPairWithoutPlaintext(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(GenerateDataKeyPairInput.self, from: body).validated()
        let result = try await kms.generateDataKeyPairWithoutPlaintext(
            keyId: input.keyId ?? "", keyPairSpec: try input.spec(),
            encryptionContext: input.encryptionContext ?? [:], caller: caller
        )
        return try KMSJSON.encode(GenerateDataKeyPairOutput(result))
    }
}
