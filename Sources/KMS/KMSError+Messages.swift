/// The remaining AWS messages of the reference (§1.2), kept beside the contract's constructors.
extension KMSError {
    /// `<arn> is not pending deletion.` (CancelKeyDeletion on a key that is not PendingDeletion).
    static func notPendingDeletion(arn: String) -> KMSError { .init(.invalidState, "\(arn) is not pending deletion.") }

    /// Decrypt or ReEncrypt with a KeyId that is not the key that produced the ciphertext.
    static let incorrectKey = KMSError(
        .incorrectKey, "The key ID in the request does not identify a CMK that can perform this operation.")

    /// `<arn> key usage is <usage> which is not valid for <operation>.`
    static func invalidKeyUsage(arn: String, usage: KeyUsage, operation: KMSOperation) -> KMSError {
        .init(.invalidKeyUsage, "\(arn) key usage is \(usage.rawValue) which is not valid for \(operation.rawValue).")
    }

    /// `Invalid arn <region>`: an ARN of another region.
    static func invalidArnRegion(_ region: String) -> KMSError { .init(.notFound, "Invalid arn \(region)") }

    /// What an implicit deny of the key policy reports, e.g. changing an AWS managed key.
    static func accessDenied(caller: KMSCaller, operation: KMSOperation, arn: String) -> KMSError {
        .init(
            .accessDenied,
            "User: \(caller.principalArn) is not authorized to perform: kms:\(operation.rawValue) on resource: "
                + "\(arn) because no resource-based policy allows the kms:\(operation.rawValue) action")
    }

    /// AWS's shape for a numeric range violation: `1 validation error detected: Value '<v>' at '<member>' ...`.
    static func outOfRange(_ value: Int, member: String, range: ClosedRange<Int>) -> KMSError {
        let constraint =
            value < range.lowerBound
            ? "Member must have value greater than or equal to \(range.lowerBound)"
            : "Member must have value less than or equal to \(range.upperBound)"
        return .validation(
            "1 validation error detected: Value '\(value)' at '\(member)' failed to satisfy constraint: \(constraint)")
    }

    /// AWS's shape for a blob length violation, which never echoes the value.
    static func lengthOutOfRange(_ count: Int, member: String, range: ClosedRange<Int>) -> KMSError {
        let constraint =
            count < range.lowerBound
            ? "Member must have length greater than or equal to \(range.lowerBound)"
            : "Member must have length less than or equal to \(range.upperBound)"
        return .validation(
            "1 validation error detected: Value at '\(member)' failed to satisfy constraint: \(constraint)")
    }

    /// AWS's shape for an enum violation.
    static func notInEnum(_ value: String, member: String, values: [String]) -> KMSError {
        .validation(
            "1 validation error detected: Value '\(value)' at '\(member)' failed to satisfy constraint: "
                + "Member must satisfy enum value set: [\(values.joined(separator: ", "))]")
    }

    /// A `Marker` this service did not issue.
    static let invalidMarker = KMSError(.invalidMarker, "The specified marker is not valid.")
}
