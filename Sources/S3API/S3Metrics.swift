import Metrics

/// `coffer_s3_requests_total{operation="…"}`: authenticated S3 requests by operation.
///
/// One counter per operation, created up front, so a request costs one atomic increment and no registry lookup.
struct S3Metrics: Sendable {
    private let counters: [String: Counter]

    init() {
        let names = [
            "ListBuckets", "CreateBucket", "HeadBucket", "DeleteBucket", "GetBucketLocation", "GetBucketEncryption",
            "PutBucketEncryption", "DeleteBucketEncryption", "GetBucketAcl", "GetBucketVersioning", "ListObjects",
            "ListObjectsV2", "ListObjectVersions", "DeleteObjects", "PutObject", "GetObject", "HeadObject",
            "DeleteObject", "GetObjectAcl", "NotImplemented", "MethodNotAllowed",
        ]
        counters = Dictionary(
            uniqueKeysWithValues: names.map {
                ($0, Counter(label: "coffer_s3_requests_total", dimensions: [("operation", $0)]))
            })
    }

    func record(_ operation: S3Operation) {
        counters[operation.name]?.increment()
    }
}
