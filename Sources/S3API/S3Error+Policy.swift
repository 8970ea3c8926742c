import AccessPolicy
import HTTPTypes

extension S3Error {
    /// `NoSuchBucketPolicy` (404).
    static func noSuchBucketPolicy(_ bucket: String) -> S3Error {
        S3Error("NoSuchBucketPolicy", .notFound, "The bucket policy does not exist").with("BucketName", bucket)
    }

    /// `NoSuchPublicAccessBlockConfiguration` (404).
    static func noSuchPublicAccessBlockConfiguration(_ bucket: String) -> S3Error {
        S3Error(
            "NoSuchPublicAccessBlockConfiguration", .notFound, "The public access block configuration was not found"
        ).with("BucketName", bucket)
    }

    /// `AccessDenied` for a public policy on a bucket that blocks them, in AWS's words.
    static func publicPolicyBlocked(_ principalArn: String, bucket: String) -> S3Error {
        .accessDenied(
            "User: \(principalArn) is not authorized to perform: s3:PutBucketPolicy on resource: "
                + "\"arn:aws:s3:::\(bucket)\" because public policies are blocked by the BlockPublicPolicy block "
                + "public access setting.")
    }

    /// `MalformedPolicy` (400) for a policy S3 refuses, with AWS S3's wording where it is known and the engine's
    /// description of the fault otherwise.
    static func malformedPolicy(_ error: PolicyError) -> S3Error {
        let message = Self.s3PolicyMessages.first { $0.error == error }?.message ?? error.message
        return S3Error("MalformedPolicy", .badRequest, message)
    }

    /// AWS S3's own messages for the faults it names.
    private static let s3PolicyMessages: [(error: PolicyError, message: String)] = [
        (.notJSON, "This policy contains invalid Json"),
        (.notAnObject, "This policy contains invalid Json"),
        (.missingStatement, "Missing required field Statement"),
        (.missingPrincipal, "Missing required field Principal"),
        (.invalidPrincipal, "Invalid principal in policy"),
        (.missingAction, "Missing required field Action"),
        (.invalidAction, "Policy has invalid action"),
        (.missingResource, "Missing required field Resource"),
        (.invalidResource, "Policy has invalid resource"),
    ]
}
