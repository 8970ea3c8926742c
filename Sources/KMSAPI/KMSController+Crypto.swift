import KMS
import NIOCore

/// Handlers of the cryptographic operations.
extension KMSController {
    func encrypt(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(EncryptInput.self, from: body).validated()
        let result = try await kms.encrypt(
            keyId: input.keyId ?? "", plaintext: input.plaintext?.bytes ?? [],
            encryptionContext: input.encryptionContext ?? [:], encryptionAlgorithm: input.encryptionAlgorithm,
            caller: caller
        )
        return KMSJSON.encode(EncryptOutput(result))
    }

    func decrypt(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(DecryptInput.self, from: body).validated()
        let result = try await kms.decrypt(
            ciphertextBlob: input.ciphertextBlob?.bytes ?? [], encryptionContext: input.encryptionContext ?? [:],
            keyId: input.keyId, encryptionAlgorithm: input.encryptionAlgorithm, caller: caller
        )
        return KMSJSON.encode(DecryptOutput(result))
    }

    func reEncrypt(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(ReEncryptInput.self, from: body).validated()
        let result = try await kms.reEncrypt(input.request, caller: caller)
        return KMSJSON.encode(ReEncryptOutput(result))
    }

    func generateDataKey(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(GenerateDataKeyInput.self, from: body).validated()
        let dataKey = try await kms.generateDataKey(
            keyId: input.keyId ?? "", keySpec: input.dataKeySpec, numberOfBytes: input.numberOfBytes,
            encryptionContext: input.encryptionContext ?? [:], caller: caller
        )
        return KMSJSON.encode(GenerateDataKeyOutput(dataKey))
    }

    func generateDataKeyWithoutPlaintext(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(GenerateDataKeyInput.self, from: body).validated()
        let result = try await kms.generateDataKeyWithoutPlaintext(
            keyId: input.keyId ?? "", keySpec: input.dataKeySpec, numberOfBytes: input.numberOfBytes,
            encryptionContext: input.encryptionContext ?? [:], caller: caller
        )
        return KMSJSON.encode(GenerateDataKeyWithoutPlaintextOutput(result))
    }

    func generateRandom(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(GenerateRandomInput.self, from: body).validated()
        if input.customKeyStoreId != nil {
            throw KMSWireError(type: "UnsupportedOperationException", message: "Custom key stores are not supported.")
        }
        let bytes = try await kms.generateRandom(numberOfBytes: input.numberOfBytes, caller: caller)
        return KMSJSON.encode(GenerateRandomOutput(plaintext: KMSWire.base64(bytes)))
    }
}
