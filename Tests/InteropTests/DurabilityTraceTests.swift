import Foundation
import Testing

/// Every acknowledged change is on stable storage before its answer: `coffer serve` runs under strace, and each of N
/// sequential requests of each kind must have entered, between its sending and its answer, a sync of every file that
/// holds the change (the database's WAL, the blob and its folder, the audit day file).
///
/// Before the fix, 8 sequential 1 KB PUTs were answered with no sync at all and 8 CreateKeys with one: the metadata
/// writer ran at `synchronous = NORMAL` (GRDB's WAL set-up) and the KMS database never asked for FULL.
extension RealClients {
    @Suite(
        .enabled(
            if: Interop.enabled(TracedServer.strace) && Interop.enabled(Interop.curl) && Interop.enabled(Interop.aws),
            "strace, curl or the aws CLI is missing"))
    struct DurabilityTraceTests {
        /// A request kind and the files that must be synced before each of its answers.
        struct Kind: Sendable {
            var name: String
            var syncedFiles: [SyncedFile]
            var request: @Sendable (Int) -> [String]
        }

        /// A file that must be synced: its description and a test of a traced path.
        struct SyncedFile: Sendable {
            var name: String
            var matches: @Sendable (String) -> Bool

            /// Any path that contains `fragment`.
            static func containing(_ fragment: String) -> SyncedFile {
                SyncedFile(name: fragment) { $0.contains(fragment) }
            }

            /// A blob's fan-out folder, `<data>/objects/xx`, which its rename changed.
            static let blobFolder = SyncedFile(name: "objects/<xx>/") { path in
                let parts = path.split(separator: "/")
                return parts.count >= 2 && parts[parts.count - 2] == "objects" && parts.last?.count == 2
            }
        }

        static let repetitions = 5

        @Test(.timeLimit(.minutes(3))) func everyAcknowledgedWriteIsSyncedBeforeItsAnswer() async throws {
            // Given a server under strace, a bucket and two bodies: one kept in its row, one in a blob file.
            let server = try TracedServer()
            #expect(try await Self.curl(["-f", "-X", "PUT", "\(server.endpoint)/durable"]).status == 0)
            let small = server.dataDirectory.deletingLastPathComponent().appendingPathComponent("small-\(server.port)")
            let large = server.dataDirectory.deletingLastPathComponent().appendingPathComponent("large-\(server.port)")
            defer { for file in [small, large] { try? FileManager.default.removeItem(at: file) } }
            try Data(repeating: 0x61, count: 1024).write(to: small)
            try Data(repeating: 0x62, count: 200 * 1024).write(to: large)

            // When N sequential requests of each kind are answered, each inside a measured window.
            var windows: [(kind: Kind, index: Int, sent: Double, answered: Double)] = []
            for kind in Self.kinds(server.endpoint, small: small.path, large: large.path) {
                for index in 0..<Self.repetitions {
                    let sent = Date().timeIntervalSince1970
                    let arguments = kind.request(index)
                    let result: Shell.Result
                    if kind.name == "PutBucketEncryption" {  // curl signs `?encryption` unlike SigV4: the aws CLI
                        let aws = try #require(Interop.aws, "the aws CLI is not installed")
                        result = try await Shell.run(aws, arguments, environment: Interop.awsClientEnvironment)
                    } else {
                        let service = kind.name == "CreateKey" ? "kms" : "s3"
                        result = try await Self.curl(service: service, ["-f", "-o", "/dev/null"] + arguments)
                    }
                    let answered = Date().timeIntervalSince1970
                    try #require(result.status == 0, "\(kind.name) \(index): \(result.stderr)\n\(server.output)")
                    windows.append((kind, index, sent, answered))
                }
            }

            // Then each answer was preceded, inside its window, by a sync of every file that holds its change.
            let syncs = try server.stop()
            for window in windows {
                for file in window.kind.syncedFiles {
                    let synced = syncs.contains { sync in
                        sync.time >= window.sent && sync.time <= window.answered && file.matches(sync.path)
                    }
                    #expect(synced, "\(window.kind.name) #\(window.index) was answered with no sync of \(file.name)")
                }
            }
            let perKind = Dictionary(grouping: windows, by: \.kind.name).mapValues { group in
                group.reduce(0) { count, window in
                    count + syncs.filter { $0.time >= window.sent && $0.time <= window.answered }.count
                }
            }
            print("DurabilityTraceTests: syncs per \(Self.repetitions) sequential requests: \(perKind)")
        }

        /// The kinds of change, with the files their answers wait for.
        static func kinds(_ endpoint: String, small: String, large: String) -> [Kind] {
            let wal = SyncedFile.containing("/meta/meta.sqlite-wal")
            return [
                Kind(name: "PUT 1 KiB (inline)", syncedFiles: [wal]) {
                    ["-T", small, "\(endpoint)/durable/small-\($0)"]
                },
                Kind(name: "PUT 200 KiB (blob file)", syncedFiles: [.containing("/objects/tmp/"), .blobFolder, wal]) {
                    ["-T", large, "\(endpoint)/durable/large-\($0)"]
                },
                Kind(name: "DELETE", syncedFiles: [wal]) { ["-X", "DELETE", "\(endpoint)/durable/small-\($0)"] },
                Kind(name: "PutBucketEncryption", syncedFiles: [wal]) { index in
                    // Each request changes the configuration: an unchanged one commits no page and needs no sync.
                    [
                        "--endpoint-url", endpoint, "s3api", "put-bucket-encryption", "--bucket", "durable",
                        "--server-side-encryption-configuration", Self.encryptionRule(bucketKey: index % 2 == 0),
                    ]
                },
                Kind(
                    name: "CreateKey", syncedFiles: [.containing("/kms/kms.sqlite-wal"), .containing("/audit/audit-")]
                ) {
                    [
                        "-X", "POST", "-H", "X-Amz-Target: TrentService.CreateKey",
                        "-H", "Content-Type: application/x-amz-json-1.1", "--data", #"{"Description":"d\#($0)"}"#,
                        endpoint,
                    ]
                },
            ]
        }

        /// curl signed with the server's credentials for `service` (`s3` or `kms`).
        static func curl(service: String = "s3", _ arguments: [String]) async throws -> Shell.Result {
            try await SignedCurl.run(service: service, arguments)
        }

        /// An SSE-S3 default encryption rule, with or without Bucket Keys.
        static func encryptionRule(bucketKey: Bool) -> String {
            #"{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"},"BucketKeyEnabled":\#(bucketKey)}]}"#
        }
    }
}
