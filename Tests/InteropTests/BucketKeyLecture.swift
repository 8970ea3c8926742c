import Testing

/// The interop suites of issue #4 (Bucket Keys, `coffer demo`, docs/walkthrough.md, the serve flags).
///
/// They start many client processes (aws CLI, boto3, curl, bash), so they run one at a time: together they would
/// take both cores, and the live HTTP tests running beside them would miss their time limits.
extension RealClients {
    @Suite(.serialized)
    enum BucketKeyLecture {}
}
