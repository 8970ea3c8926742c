/// A policy document that cannot be accepted, or a key policy that fails the lockout safety check.
///
/// The key service maps every `PolicyError` to `MalformedPolicyDocumentException` with `message` (AWS uses
/// that exception for the lockout check too). Where AWS's own wording is known it is used verbatim
/// (`Policy contains a statement with no principal.`); otherwise the message says what is wrong and where.
/// Two errors are equal when their codes are equal, so tests can write `#expect(throws: PolicyError.missingAction)`
/// without spelling out the location.
public struct PolicyError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        case notJSON, notAnObject, invalidVersion, invalidId, unknownElement, missingStatement, invalidStatement
        case invalidSid, duplicateSid, invalidEffect
        case missingPrincipal, prohibitedPrincipal, principalAndNotPrincipal, invalidPrincipal
        case missingAction, actionAndNotAction, invalidAction
        case missingResource, resourceAndNotResource, invalidResource
        case invalidCondition, unknownConditionOperator, invalidConditionKey, invalidConditionValue
        case lockout
        case policyTooLarge, missingVersion, invalidBucketAction, invalidBucketResource
    }

    private let code: Code
    /// What is wrong, for the client; never contains secrets.
    public let message: String

    private init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "MalformedPolicyDocument: \(self.message)" }

    public static func == (lhs: PolicyError, rhs: PolicyError) -> Bool { lhs.code == rhs.code }
    public func hash(into hasher: inout Hasher) { hasher.combine(self.code) }
}

extension PolicyError {
    /// The document is not JSON.
    public static let notJSON = PolicyError(.notJSON, "The policy is not a valid JSON document.")
    /// The document is JSON but not an object.
    public static let notAnObject = PolicyError(.notAnObject, "The policy must be a JSON object.")
    /// `Version` is neither `2012-10-17` nor `2008-10-17`.
    public static let invalidVersion = PolicyError(
        .invalidVersion, "The policy must contain a valid version string: 2012-10-17 or 2008-10-17.")
    /// `Id` is not a string.
    public static let invalidId = PolicyError(.invalidId, "Id must be a string.")
    /// `Statement` is missing, empty or of the wrong type.
    public static let missingStatement = PolicyError(
        .missingStatement, "The policy must contain a Statement: one statement object or a non-empty array of them.")
    /// The statement has no principal (resource-based policies): AWS KMS's wording.
    public static let missingPrincipal = PolicyError(
        .missingPrincipal, "Policy contains a statement with no principal.")
    /// An identity-based policy names a principal: AWS IAM's wording.
    public static let prohibitedPrincipal = PolicyError(
        .prohibitedPrincipal, "Policy document should not specify a principal.")
    /// A principal is not `*`, an account id or an ARN: AWS KMS's wording.
    public static let invalidPrincipal = PolicyError(
        .invalidPrincipal, "Policy contains a statement with one or more invalid principals.")
    /// A new key policy would not let its author call PutKeyPolicy again: AWS KMS's wording.
    public static let lockout = PolicyError(
        .lockout, "The new key policy will not allow you to update the key policy in the future.")

    /// A bucket policy over 20 KiB: AWS S3's limit.
    public static let policyTooLarge = PolicyError(
        .policyTooLarge, "Policy exceeds the maximum allowed document size of 20480 bytes.")
    /// A bucket policy without `Version`.
    public static let missingVersion = PolicyError(.missingVersion, "Missing required field Version")
    /// A bucket policy action that is neither `*` nor an `s3:` action: AWS S3's wording.
    public static let invalidBucketAction = PolicyError(.invalidBucketAction, "Policy has invalid action")
    /// A bucket policy resource outside the bucket: AWS S3's wording.
    public static let invalidBucketResource = PolicyError(.invalidBucketResource, "Policy has invalid resource")

    static func unknownElement(_ name: String, at location: StatementLocation?) -> PolicyError {
        .init(.unknownElement, "\(location?.prefix ?? "")Unknown element '\(name)'.")
    }
    static func invalidStatement(at location: StatementLocation) -> PolicyError {
        .init(.invalidStatement, "\(location.prefix)Each statement must be a JSON object.")
    }
    static func invalidSid(at location: StatementLocation) -> PolicyError {
        .init(.invalidSid, "\(location.prefix)Sid must be a string.")
    }
    static func duplicateSid(_ sid: String) -> PolicyError {
        .init(.duplicateSid, "Statement IDs (SID) in a single policy must be unique: '\(sid)' appears more than once.")
    }
    static func invalidEffect(at location: StatementLocation) -> PolicyError {
        .init(.invalidEffect, "\(location.prefix)Effect must be \"Allow\" or \"Deny\".")
    }
    static func principalAndNotPrincipal(at location: StatementLocation) -> PolicyError {
        .init(.principalAndNotPrincipal, "\(location.prefix)A statement cannot have both Principal and NotPrincipal.")
    }
    static func missingAction(at location: StatementLocation) -> PolicyError {
        .init(.missingAction, "\(location.prefix)Policy statement must contain actions.")
    }
    static func actionAndNotAction(at location: StatementLocation) -> PolicyError {
        .init(.actionAndNotAction, "\(location.prefix)A statement cannot have both Action and NotAction.")
    }
    static func invalidAction(_ action: String, at location: StatementLocation) -> PolicyError {
        .init(
            .invalidAction,
            "\(location.prefix)Invalid action '\(action)': actions must be \"*\" or prefaced by a vendor, e.g. kms:Decrypt."
        )
    }
    static func missingResource(at location: StatementLocation) -> PolicyError {
        .init(.missingResource, "\(location.prefix)Policy statement must contain resources.")
    }
    static func resourceAndNotResource(at location: StatementLocation) -> PolicyError {
        .init(.resourceAndNotResource, "\(location.prefix)A statement cannot have both Resource and NotResource.")
    }
    static func invalidResource(at location: StatementLocation) -> PolicyError {
        .init(.invalidResource, "\(location.prefix)Resource must be a non-empty string or array of strings.")
    }
    static func invalidCondition(_ detail: String, at location: StatementLocation) -> PolicyError {
        .init(.invalidCondition, "\(location.prefix)\(detail)")
    }
    static func unknownConditionOperator(_ name: String, at location: StatementLocation) -> PolicyError {
        .init(.unknownConditionOperator, "\(location.prefix)Unknown or unsupported condition operator '\(name)'.")
    }
    static func invalidConditionKey(_ key: String, at location: StatementLocation) -> PolicyError {
        .init(
            .invalidConditionKey,
            "\(location.prefix)Invalid condition key '\(key)': condition keys must be prefaced by a vendor, e.g. kms:ViaService."
        )
    }
    static func invalidConditionValue(
        _ detail: String, operator name: String, key: String, at location: StatementLocation
    ) -> PolicyError {
        .init(.invalidConditionValue, "\(location.prefix)Condition \(name) on '\(key)': \(detail)")
    }

    // Code-only values for comparisons in tests and callers (messages are not compared).

    /// Any `unknownElement` error.
    public static let unknownElement = PolicyError(.unknownElement, "")
    /// Any `invalidStatement` error.
    public static let invalidStatement = PolicyError(.invalidStatement, "")
    /// Any `invalidSid` error.
    public static let invalidSid = PolicyError(.invalidSid, "")
    /// Any `duplicateSid` error.
    public static let duplicateSid = PolicyError(.duplicateSid, "")
    /// Any `invalidEffect` error.
    public static let invalidEffect = PolicyError(.invalidEffect, "")
    /// Any `principalAndNotPrincipal` error.
    public static let principalAndNotPrincipal = PolicyError(.principalAndNotPrincipal, "")
    /// Any `missingAction` error.
    public static let missingAction = PolicyError(.missingAction, "")
    /// Any `actionAndNotAction` error.
    public static let actionAndNotAction = PolicyError(.actionAndNotAction, "")
    /// Any `invalidAction` error.
    public static let invalidAction = PolicyError(.invalidAction, "")
    /// Any `missingResource` error.
    public static let missingResource = PolicyError(.missingResource, "")
    /// Any `resourceAndNotResource` error.
    public static let resourceAndNotResource = PolicyError(.resourceAndNotResource, "")
    /// Any `invalidResource` error.
    public static let invalidResource = PolicyError(.invalidResource, "")
    /// Any `invalidCondition` error.
    public static let invalidCondition = PolicyError(.invalidCondition, "")
    /// Any `unknownConditionOperator` error.
    public static let unknownConditionOperator = PolicyError(.unknownConditionOperator, "")
    /// Any `invalidConditionKey` error.
    public static let invalidConditionKey = PolicyError(.invalidConditionKey, "")
    /// Any `invalidConditionValue` error.
    public static let invalidConditionValue = PolicyError(.invalidConditionValue, "")
}

/// Where in a document an error was found, for messages: `Statement 2 (Sid "AllowAlice"): ...`.
struct StatementLocation: Sendable {
    /// 1-based position in `Statement`.
    var index: Int
    var sid: String?
}

extension StatementLocation {
    fileprivate var prefix: String {
        if let sid { return "Statement \(self.index) (Sid \"\(sid)\"): " }
        return "Statement \(self.index): "
    }
}
