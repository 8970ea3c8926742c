import Foundation
import Testing

/// `aws s3 sync` of a tree of files under SSE-KMS, up and back down, then `aws s3 rm --recursive`.
extension RealClients {
    @Suite(.serialized, .enabled(if: Interop.enabled(Interop.aws), "the aws CLI is not installed"))
    struct AWSCLISyncTests {
        static let smallTree = [
            "a.txt": 10_000, "empty.txt": 0, "nested/b.bin": 100_000, "nested/deeper/c.bin": Scratch.mebibyte,
        ]

        let server: CofferProcess
        let aws: AWSCLI
        let scratch: Scratch

        init() async throws {
            server = try await CofferProcess.started()
            aws = AWSCLI(server: server)
            scratch = try Scratch()
        }

        /// Syncs `tree` (relative path: size) up with `--sse aws:kms`, lists it, syncs it down, compares, removes it.
        func syncRoundTrip(_ tree: [String: Int]) async throws {
            defer { scratch.remove() }
            try await syncUp(tree)
            let listing = try await aws.run(["s3", "ls", "--recursive", "s3://sync-bucket/"])
            let lines = listing.stdout.split(separator: "\n")
            #expect(lines.count == tree.count, "\(listing.stdout)")
            for (name, size) in tree {
                #expect(lines.contains { $0.hasSuffix(" \(size) tree/\(name)") }, "\(name) in \(listing.stdout)")
            }

            let down = try await aws.run(["s3", "sync", "s3://sync-bucket/tree", scratch.path("down").path])
            try #require(down.status == 0, "sync down failed: \(down.stderr)")
            for name in tree.keys {
                let identical = try await Scratch.identical(scratch.path("up/\(name)"), scratch.path("down/\(name)"))
                #expect(identical, "\(name)")
            }

            let rm = try await aws.run(["s3", "rm", "--recursive", "s3://sync-bucket/tree"])
            #expect(rm.status == 0 && rm.stdout.split(separator: "\n").count == tree.count, "\(rm.stdout)")
            #expect(try await aws.run(["s3", "ls", "--recursive", "s3://sync-bucket/"]).stdout.isEmpty)
            #expect(try await aws.run(["s3", "rb", "s3://sync-bucket"]).status == 0)
        }

        /// Writes `tree` under `up/`, syncs it to `s3://sync-bucket/tree` under a new KMS key, and checks each
        /// object's encryption and that a second sync finds nothing to upload.
        func syncUp(_ tree: [String: Int]) async throws {
            let key = try await aws.json(["kms", "create-key", "--description", "sync"])
            let keyArn = try #require((key["KeyMetadata"] as? [String: Any])?["Arn"] as? String)
            for (name, size) in tree { try scratch.file("up/\(name)", size: size) }
            #expect(try await aws.run(["s3", "mb", "s3://sync-bucket"]).status == 0)

            let up = try await aws.run([
                "s3", "sync", scratch.path("up").path, "s3://sync-bucket/tree", "--sse", "aws:kms",
                "--sse-kms-key-id", keyArn, "--no-progress",
            ])
            try #require(up.status == 0, "sync up failed: \(up.stderr)\nserver:\n\(server.output.suffix(3000))")
            let curl = SignedCurl(server: server)
            for name in tree.keys {
                let encrypted = try await curl.isKMSEncrypted(
                    bucket: "sync-bucket", key: "tree/\(name)", keyArn: keyArn)
                #expect(encrypted, "\(name)")
            }
            let again = try await aws.run(["s3", "sync", scratch.path("up").path, "s3://sync-bucket/tree"])
            #expect(again.status == 0 && again.stdout.isEmpty, "a second sync uploads nothing: \(again.stdout)")
        }

        @Test func syncNestedTreeWithSSEKMS() async throws {
            try await syncRoundTrip(Self.smallTree)
        }

        /// The aws CLI uploads a file above 8 MiB in parts, and downloads it with ranged GETs.
        @Test func syncTreeWithAMultipartFileWithSSEKMS() async throws {
            try await syncRoundTrip(Self.smallTree.merging(["nested/big.bin": 9 * Scratch.mebibyte]) { $1 })
        }
    }
}
