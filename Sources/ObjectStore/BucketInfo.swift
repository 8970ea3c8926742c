public import Foundation

/// A bucket as ListBuckets and HeadBucket report it.
public struct BucketInfo: Sendable, Hashable {
    /// The bucket name.
    public var name: String
    /// When the bucket was created.
    public var creationDate: Date
    /// The bucket's region (GetBucketLocation).
    public var region: String
}

extension BucketInfo {
    init(_ row: BucketRow) {
        self.init(name: row.name, creationDate: Date(millisecondsSince1970: row.createdAt), region: row.region)
    }
}
