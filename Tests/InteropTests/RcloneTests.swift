import Foundation
import Testing

/// rclone's `s3` backend, provider Other, path-style, with SSE-KMS in its remote's configuration, against a real
/// server process.
extension RealClients {
    @Suite(.serialized, .enabled(if: Interop.enabled(Interop.rclone), "rclone is not installed"))
    struct RcloneTests {
        let server: CofferProcess
        let scratch: Scratch
        let curl: SignedCurl

        init() async throws {
            server = try await CofferProcess.started()
            scratch = try Scratch()
            curl = SignedCurl(server: server)
        }

        @Test func copyListCatDeleteWithSSEKMS() async throws {
            defer { scratch.remove() }
            let keyArn = try await curl.createKey(description: "rclone")
            let rclone = try Rclone(server: server, folder: scratch.url, kmsKeyArn: keyArn)
            let names = ["a.txt", "nested/b.bin", "nested/deeper/c.bin"]
            let files = try names.map { try scratch.file("up/\($0)", size: 50_000) }
            let text = String(repeating: "rclone cat\n", count: 5_000)
            try Data(text.utf8).write(to: files[0])

            _ = try await rclone.expect(["mkdir", "coffer:rclone-bucket"])
            _ = try await rclone.expect(["copy", scratch.path("up").path, "coffer:rclone-bucket/tree"])
            for name in names {
                #expect(try await curl.isKMSEncrypted(bucket: "rclone-bucket", key: "tree/\(name)", keyArn: keyArn))
            }
            let listing = try await rclone.expect(["ls", "coffer:rclone-bucket"])
            #expect(listing.split(separator: "\n").count == 3, "\(listing)")
            #expect(listing.contains("55000 tree/a.txt"), "\(listing)")
            for name in names.dropFirst() { #expect(listing.contains("50000 tree/\(name)"), "\(listing)") }
            let cat = try await rclone.expect(["cat", "coffer:rclone-bucket/tree/a.txt"])
            #expect(cat == text.trimmingCharacters(in: .whitespacesAndNewlines))

            _ = try await rclone.expect(["copy", "coffer:rclone-bucket/tree", scratch.path("down").path])
            for (name, file) in zip(names, files) {
                #expect(try await Scratch.identical(file, scratch.path("down/\(name)")), "\(name)")
            }

            _ = try await rclone.expect(["delete", "coffer:rclone-bucket/tree"])
            #expect(try await rclone.expect(["ls", "coffer:rclone-bucket"]).isEmpty)
            _ = try await rclone.expect(["rmdir", "coffer:rclone-bucket"])
            #expect(!(try await rclone.expect(["lsd", "coffer:"])).contains("rclone-bucket"))
        }

        /// rclone uploads in parts above `--s3-upload-cutoff` (200 MiB by default; 5 MiB here).
        @Test func multipartCopytoWithSSEKMS() async throws {
            defer { scratch.remove() }
            let keyArn = try await curl.createKey(description: "rclone multipart")
            let rclone = try Rclone(server: server, folder: scratch.url, kmsKeyArn: keyArn)
            let big = try scratch.file("big.bin", size: 12 * Scratch.mebibyte)

            _ = try await rclone.expect(["mkdir", "coffer:rclone-multipart"])
            _ = try await rclone.expect([
                "copyto", "--s3-upload-cutoff", "5M", "--s3-chunk-size", "5M", big.path,
                "coffer:rclone-multipart/big.bin",
            ])
            #expect(try await curl.isKMSEncrypted(bucket: "rclone-multipart", key: "big.bin", keyArn: keyArn))
            _ = try await rclone.expect(["copyto", "coffer:rclone-multipart/big.bin", scratch.path("big.back").path])
            #expect(try await Scratch.identical(big, scratch.path("big.back")))
            _ = try await rclone.expect(["deletefile", "coffer:rclone-multipart/big.bin"])
        }
    }
}
