/// What `coffer demo` was asked to do.
public struct DemoOptions: Sendable {
    /// The default number of objects per bucket: enough for a 99.75% reduction, done in a few seconds.
    public static let defaultObjects = 200

    /// Objects uploaded to, and downloaded from, each of the two buckets.
    public var objects: Int
    /// The server's data folder; nil uses a temporary folder, removed at the end.
    public var dataDirectory: String?
    /// Narrate each step in plain words, for a classroom.
    public var explain: Bool
    /// Requests in flight at once (one client with a few connections, as the aws CLI's `s3 cp` uses).
    public var concurrency: Int

    /// Creates options; every parameter has the default of `coffer demo`.
    public init(
        objects: Int = DemoOptions.defaultObjects, dataDirectory: String? = nil, explain: Bool = false,
        concurrency: Int = 8
    ) {
        self.objects = objects
        self.dataDirectory = dataDirectory
        self.explain = explain
        self.concurrency = concurrency
    }
}
