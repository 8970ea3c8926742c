/// What governs access to a bucket besides IAM: its bucket policy and its Block Public Access settings.
///
/// Read on every request that names the bucket, so the SQLite store keeps it in memory (``BucketCache``);
/// PostgreSQL reads it afresh, so that another node's change applies at once.
public struct BucketAccess: Sendable, Hashable {
    /// The bucket policy's JSON text as PutBucketPolicy stored it, or nil.
    public var policy: String?
    /// The Block Public Access settings, or nil when never set (buckets created before they existed, or after
    /// DeletePublicAccessBlock).
    public var publicAccessBlock: PublicAccessBlock?

    /// Creates the access settings of a bucket.
    public init(policy: String? = nil, publicAccessBlock: PublicAccessBlock? = nil) {
        self.policy = policy
        self.publicAccessBlock = publicAccessBlock
    }

    /// Neither a policy nor settings.
    public static let unset = BucketAccess()
}
