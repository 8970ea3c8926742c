import KMS
import NIOCore

/// One entry of the dispatch table: an operation's name and its handler.
struct KMSRoute: Sendable {
    /// The handler: decode the body, call the key service, encode the output.
    typealias Handler = @Sendable (KMSController, ByteBuffer, KMSCaller) async throws -> ByteBuffer

    /// The AWS operation name, e.g. `GenerateDataKey`.
    let name: String
    let handler: Handler

    init(_ name: String, _ handler: @escaping Handler) {
        self.name = name
        self.handler = handler
    }
}

extension KMSController {
    /// Every operation, keyed by its `X-Amz-Target` value (`TrentService.<name>`).
    static let operations: [String: KMSRoute] = {
        let all: [KMSRoute] = [
            .init("CreateKey") { try await $0.createKey($1, $2) },
            .init("DescribeKey") { try await $0.describeKey($1, $2) },
            .init("ListKeys") { try await $0.listKeys($1, $2) },
            .init("UpdateKeyDescription") { try await $0.updateKeyDescription($1, $2) },
            .init("EnableKey") { try await $0.enableKey($1, $2) },
            .init("DisableKey") { try await $0.disableKey($1, $2) },
            .init("ScheduleKeyDeletion") { try await $0.scheduleKeyDeletion($1, $2) },
            .init("CancelKeyDeletion") { try await $0.cancelKeyDeletion($1, $2) },
            .init("CreateAlias") { try await $0.createAlias($1, $2) },
            .init("UpdateAlias") { try await $0.updateAlias($1, $2) },
            .init("DeleteAlias") { try await $0.deleteAlias($1, $2) },
            .init("ListAliases") { try await $0.listAliases($1, $2) },
            .init("Encrypt") { try await $0.encrypt($1, $2) },
            .init("Decrypt") { try await $0.decrypt($1, $2) },
            .init("ReEncrypt") { try await $0.reEncrypt($1, $2) },
            .init("GenerateDataKey") { try await $0.generateDataKey($1, $2) },
            .init("GenerateDataKeyWithoutPlaintext") { try await $0.generateDataKeyWithoutPlaintext($1, $2) },
            .init("GenerateRandom") { try await $0.generateRandom($1, $2) },
            .init("EnableKeyRotation") { try await $0.enableKeyRotation($1, $2) },
            .init("DisableKeyRotation") { try await $0.disableKeyRotation($1, $2) },
            .init("GetKeyRotationStatus") { try await $0.getKeyRotationStatus($1, $2) },
            .init("RotateKeyOnDemand") { try await $0.rotateKeyOnDemand($1, $2) },
            .init("ListKeyRotations") { try await $0.listKeyRotations($1, $2) },
            .init("GetKeyPolicy") { try await $0.getKeyPolicy($1, $2) },
            .init("PutKeyPolicy") { try await $0.putKeyPolicy($1, $2) },
            .init("ListKeyPolicies") { try await $0.listKeyPolicies($1, $2) },
            .init("TagResource") { try await $0.tagResource($1, $2) },
            .init("UntagResource") { try await $0.untagResource($1, $2) },
            .init("ListResourceTags") { try await $0.listResourceTags($1, $2) },
            .init("GetPublicKey") { try await $0.getPublicKey($1, $2) },
            .init("Sign") { try await $0.sign($1, $2) },
            .init("Verify") { try await $0.verify($1, $2) },
            .init("GenerateMac") { try await $0.generateMac($1, $2) },
            .init("VerifyMac") { try await $0.verifyMac($1, $2) },
            .init("GenerateDataKeyPair") { try await $0.generateDataKeyPair($1, $2) },
            .init("GenerateDataKeyPairWithoutPlaintext") { try await $0.generateDataKeyPairWithoutPlaintext($1, $2) },
            .init("CreateGrant") { try await $0.createGrant($1, $2) },
            .init("ListGrants") { try await $0.listGrants($1, $2) },
            .init("RetireGrant") { try await $0.retireGrant($1, $2) },
            .init("RevokeGrant") { try await $0.revokeGrant($1, $2) },
        ]
        return Dictionary(uniqueKeysWithValues: all.map { ("TrentService.\($0.name)", $0) })
    }()

    /// The names of every operation the API serves.
    public static var operationNames: [String] { operations.values.map(\.name).sorted() }

    /// The body of operations without output. AWS sends an empty JSON object.
    static var emptyOutput: ByteBuffer { ByteBuffer(string: "{}") }
}
