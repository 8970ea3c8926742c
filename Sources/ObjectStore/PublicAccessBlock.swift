/// A bucket's S3 Block Public Access settings (PutPublicAccessBlock / GetPublicAccessBlock).
///
/// AWS turns all four on for every new bucket; a bucket created before Coffer knew them has none
/// (GetPublicAccessBlock then answers `NoSuchPublicAccessBlockConfiguration`).
public struct PublicAccessBlock: Sendable, Hashable {
    /// Refuse requests that set public ACLs (stored and reported).
    public var blockPublicAcls: Bool
    /// Ignore public ACLs on the bucket and its objects (stored and reported).
    public var ignorePublicAcls: Bool
    /// Refuse a PutBucketPolicy whose policy is public.
    public var blockPublicPolicy: Bool
    /// While the bucket policy is public, it grants nothing to anonymous callers and other accounts.
    public var restrictPublicBuckets: Bool

    /// Creates settings; each is off unless given.
    public init(
        blockPublicAcls: Bool = false, ignorePublicAcls: Bool = false, blockPublicPolicy: Bool = false,
        restrictPublicBuckets: Bool = false
    ) {
        self.blockPublicAcls = blockPublicAcls
        self.ignorePublicAcls = ignorePublicAcls
        self.blockPublicPolicy = blockPublicPolicy
        self.restrictPublicBuckets = restrictPublicBuckets
    }

    /// All four on: what a new bucket gets, as on AWS since April 2023.
    public static let allBlocked = PublicAccessBlock(
        blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true)

    /// The settings as the metadata stores keep them: one bit each, in declaration order.
    package var bits: Int64 {
        (blockPublicAcls ? 1 : 0) | (ignorePublicAcls ? 2 : 0) | (blockPublicPolicy ? 4 : 0)
            | (restrictPublicBuckets ? 8 : 0)
    }

    /// Decodes ``bits``.
    package init(bits: Int64) {
        self.init(
            blockPublicAcls: bits & 1 != 0, ignorePublicAcls: bits & 2 != 0, blockPublicPolicy: bits & 4 != 0,
            restrictPublicBuckets: bits & 8 != 0)
    }
}
