import KMS
import NIOCore

/// Handlers of the key policy and tag operations.
extension KMSController {
    func getKeyPolicy(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(GetKeyPolicyInput.self, from: body).validated()
        let policy = try await kms.getKeyPolicy(keyId: input.keyId ?? "", policyName: input.policyName, caller: caller)
        return try KMSJSON.encode(GetKeyPolicyOutput(policy: policy, policyName: input.policyName ?? "default"))
    }

    func putKeyPolicy(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(PutKeyPolicyInput.self, from: body).validated()
        try await kms.putKeyPolicy(
            keyId: input.keyId ?? "", policyName: input.policyName, policy: input.policy ?? "",
            bypassPolicyLockoutSafetyCheck: input.bypassPolicyLockoutSafetyCheck ?? false, caller: caller
        )
        return Self.emptyOutput
    }

    func listKeyPolicies(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(KeyListingInput.self, from: body).validated()
        let names = try await kms.listKeyPolicies(keyId: input.keyId ?? "", caller: caller)
        return try KMSJSON.encode(ListKeyPoliciesOutput(policyNames: names))
    }

    func tagResource(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(TagResourceInput.self, from: body).validated()
        try await kms.tagResource(keyId: input.keyId ?? "", tags: input.keyTags, caller: caller)
        return Self.emptyOutput
    }

    func untagResource(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(UntagResourceInput.self, from: body).validated()
        try await kms.untagResource(keyId: input.keyId ?? "", tagKeys: input.tagKeys ?? [], caller: caller)
        return Self.emptyOutput
    }

    func listResourceTags(_ body: ByteBuffer, _ caller: KMSCaller) async throws -> ByteBuffer {
        let input = try KMSJSON.decode(KeyListingInput.self, from: body).validated()
        let page = try await kms.listResourceTags(
            keyId: input.keyId ?? "", limit: input.limit, marker: input.marker, caller: caller
        )
        return try KMSJSON.encode(ListResourceTagsOutput(page))
    }
}
