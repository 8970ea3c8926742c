public import Foundation

/// A parsed S3 bucket policy: a resource-based ``PolicyDocument`` checked against S3's own rules, and whether it is
/// public.
///
/// Beyond the IAM grammar, S3 requires (S3 user guide, "Bucket policies"; the `MalformedPolicy` error): at most
/// 20 KiB, a `Version`, a principal in every statement, actions that are `*` or `s3:...`, and resources that are
/// the bucket (`arn:aws:s3:::<bucket>`) or its objects (`arn:aws:s3:::<bucket>/...`).
public struct BucketPolicy: Sendable {
    /// The largest policy S3 accepts, in bytes.
    public static let maxSize = 20 * 1024

    /// The compiled statements.
    public let document: PolicyDocument
    /// Whether the policy grants access to everyone (``isPublic(_:)``): GetBucketPolicyStatus' `IsPublic`.
    public let isPublic: Bool

    /// Parses and checks the policy of `bucket`.
    public init(json: String, bucket: String) throws(PolicyError) {
        try self.init(data: Data(json.utf8), bucket: bucket)
    }

    /// Parses and checks the policy bytes of `bucket`.
    public init(data: Data, bucket: String) throws(PolicyError) {
        guard data.count <= Self.maxSize else { throw .policyTooLarge }
        guard let value = JSONValue.parse(data) else { throw .notJSON }
        if case .object(let object) = value, object["Version"] == nil { throw .missingVersion }
        self.document = try PolicyDocument(value: value, kind: .resourceBased)
        try Self.checkS3Elements(value, bucket: bucket)
        self.isPublic = Self.isPublic(self.document)
    }

    /// Actions and resources must be S3's and this bucket's (the document's grammar is already checked).
    private static func checkS3Elements(_ value: JSONValue, bucket: String) throws(PolicyError) {
        guard case .object(let object) = value else { return }
        let statements: [JSONValue]
        switch object["Statement"] {
        case .array(let list): statements = list
        case let single?: statements = [single]
        case nil: statements = []
        }
        let bucketArn = "arn:aws:s3:::\(bucket)"
        for case .object(let statement) in statements {
            for action in (statement["Action"] ?? statement["NotAction"])?.stringList ?? [] {
                guard action == "*" || action.lowercased().hasPrefix("s3:") else { throw .invalidBucketAction }
            }
            for resource in (statement["Resource"] ?? statement["NotResource"])?.stringList ?? [] {
                guard resource == bucketArn || resource.hasPrefix(bucketArn + "/") else {
                    throw .invalidBucketResource
                }
            }
        }
    }
}
