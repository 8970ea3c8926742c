import KMS
import NIOCore

/// Handlers of the alias operations.
extension KMSController {
    func createAlias(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(AliasTargetInput.self, from: body).validated()
        try await kms.createAlias(
            aliasName: input.aliasName ?? "", targetKeyId: input.targetKeyId ?? "", caller: caller)
        return Self.emptyOutput
    }

    func updateAlias(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(AliasTargetInput.self, from: body).validated()
        try await kms.updateAlias(
            aliasName: input.aliasName ?? "", targetKeyId: input.targetKeyId ?? "", caller: caller)
        return Self.emptyOutput
    }

    func deleteAlias(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(DeleteAliasInput.self, from: body).validated()
        try await kms.deleteAlias(aliasName: input.aliasName ?? "", caller: caller)
        return Self.emptyOutput
    }

    func listAliases(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(ListAliasesInput.self, from: body).validated()
        let page = try await kms.listAliases(
            keyId: input.keyId, limit: input.limit, marker: input.marker, caller: caller)
        return try KMSJSON.encode(ListAliasesOutput(page))
    }
}
