/// The IAM action names of the key service's operations, built once so authorization allocates none per call.
enum KMSAction {
    /// `kms:<Operation>` for every operation.
    private static let names: [KMSOperation: String] = Dictionary(
        uniqueKeysWithValues: KMSOperation.allCases.map { ($0, "kms:\($0.rawValue)") })

    /// The action that authorizes `operation`, e.g. `kms:GenerateDataKey`.
    static func name(of operation: KMSOperation) -> String { names[operation] ?? "kms:\(operation.rawValue)" }

    /// ReEncrypt needs `kms:ReEncryptFrom` on the source key.
    static let reEncryptFrom = "kms:ReEncryptFrom"
    /// ReEncrypt needs `kms:ReEncryptTo` on the destination key.
    static let reEncryptTo = "kms:ReEncryptTo"
}
