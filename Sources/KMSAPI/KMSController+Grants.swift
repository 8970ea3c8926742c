import KMS
import NIOCore

/// Handlers of the grant operations.
extension KMSController {
    func createGrant(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(CreateGrantInput.self, from: body).validated()
        let grant = try await kms.createGrant(try input.request(), caller: caller)
        return KMSJSON.encode(CreateGrantOutput(grantToken: grant.grantToken, grantId: grant.grantId))
    }

    func listGrants(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(ListGrantsInput.self, from: body).validated()
        let page = try await kms.listGrants(
            keyId: input.keyId ?? "", limit: input.limit, marker: input.marker, grantId: input.grantId,
            granteePrincipal: input.granteePrincipal, caller: caller)
        return try KMSJSON.encode(ListGrantsOutput(page))
    }

    func retireGrant(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(RetireGrantInput.self, from: body).validated()
        try await kms.retireGrant(
            grantToken: input.grantToken, keyId: input.keyId, grantId: input.grantId, caller: caller)
        return Self.emptyOutput
    }

    func revokeGrant(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(RevokeGrantInput.self, from: body).validated()
        try await kms.revokeGrant(keyId: input.keyId ?? "", grantId: input.grantId ?? "", caller: caller)
        return Self.emptyOutput
    }
}
