/// How many requests of one operation one caller channel has made since the key service was opened.
///
/// The same numbers as `coffer_kms_requests_total`, for summaries such as `/_coffer/stats`.
public struct KMSRequestCount: Sendable, Hashable {
    /// The operation, named as in `X-Amz-Target: TrentService.<Name>`, e.g. `GenerateDataKey`.
    public var operation: String
    /// Through which door the requests came: the KMS API, or the object store on a requester's behalf.
    public var channel: KMSCaller.Channel
    /// The requests counted, whatever their outcome.
    public var count: Int

    /// Creates a count.
    public init(operation: String, channel: KMSCaller.Channel, count: Int) {
        self.operation = operation
        self.channel = channel
        self.count = count
    }
}
