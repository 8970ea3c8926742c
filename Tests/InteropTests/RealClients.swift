import Testing

/// Every interop suite: real clients (the aws CLI, boto3, curl, openssl, bash) against real server processes.
///
/// They run one at a time. Each test waits on child processes, and Swift concurrency has one cooperative thread
/// per core (two here): two such tests at once would starve every other test of the suite, including the live
/// HTTP servers of HummingbirdTesting.
@Suite(.serialized)
enum RealClients {}
