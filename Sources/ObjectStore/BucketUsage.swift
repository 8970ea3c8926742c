/// How much one bucket holds: its current objects and their plaintext bytes (``ObjectStore/bucketUsage()``).
public struct BucketUsage: Sendable, Hashable {
    /// The bucket name.
    public var bucket: String
    /// The number of objects in the bucket.
    public var objects: Int
    /// The sum of the objects' plaintext sizes, in bytes (what GET returns, not what the blob files take).
    public var bytes: Int64

    /// Creates a usage record.
    public init(bucket: String, objects: Int, bytes: Int64) {
        self.bucket = bucket
        self.objects = objects
        self.bytes = bytes
    }
}
