import Foundation
import Testing

/// Issue #6's "Done when": a 100 MiB file round-trips byte-identical through rclone, `aws s3 cp --sse aws:kms` and
/// boto3's transfer manager, and the server's peak memory does not grow with the file size.
///
/// The same three round trips run first with a 1 MiB file; the server's peak RSS (VmHWM) after them is the
/// baseline. The 100 MiB round trips must raise it by less than the file's size, with room to spare: a server that
/// held the object in memory, on upload or download, would exceed the bound. What they do add is per-connection
/// buffers: the aws CLI and boto3 move ten 8 MiB or 5 MiB parts and ranges at a time (measured on a debug build:
/// +44 to +48 MiB in all, about 30 MiB of it during `aws s3 cp`).
extension RealClients {
    @Suite(
        .serialized,
        .enabled(
            if: Interop.enabled(Interop.aws) && Interop.enabled(Interop.boto3Python) && Interop.enabled(Interop.rclone),
            "the aws CLI, boto3 or rclone is not installed"))
    struct LargeFileRoundTripTests {
        static let largeSize = 100 * Scratch.mebibyte
        /// How much the 100 MiB round trips may raise the server's peak RSS above the 1 MiB ones.
        static let allowedGrowth = 64 * Scratch.mebibyte

        let server: CofferProcess
        let scratch: Scratch

        init() async throws {
            server = try await CofferProcess.started()
            scratch = try Scratch()
        }

        @Test func hundredMebibytesThroughAWSCLIBoto3AndRcloneInBoundedMemory() async throws {
            defer { scratch.remove() }
            let keyArn = try await SignedCurl(server: server).createKey(description: "large files")
            #expect(try await AWSCLI(server: server).run(["s3", "mb", "s3://large"]).status == 0)

            try await roundTrips(try scratch.file("small.bin", size: Scratch.mebibyte), keyArn: keyArn)
            let baseline = try server.peakResidentBytes()
            try await roundTrips(try scratch.file("large.bin", size: Self.largeSize), keyArn: keyArn)
            let peak = try server.peakResidentBytes()

            let mebibytes = { (bytes: Int) in String(format: "%.1f MiB", Double(bytes) / Double(Scratch.mebibyte)) }
            print(
                "coffer peak RSS (VmHWM): \(mebibytes(baseline)) after 1 MiB round trips, \(mebibytes(peak)) after 100 MiB"
            )
            #expect(
                peak - baseline < Self.allowedGrowth,
                "peak RSS grew from \(mebibytes(baseline)) to \(mebibytes(peak)) with a 100 MiB file")
        }

        /// Uploads and downloads `file` through rclone, the aws CLI and boto3's transfer manager, under SSE-KMS.
        func roundTrips(_ file: URL, keyArn: String) async throws {
            let name = file.lastPathComponent
            let back = scratch.path("\(name).back")
            defer { try? FileManager.default.removeItem(at: back) }

            let rclone = try Rclone(server: server, folder: scratch.url, kmsKeyArn: keyArn)
            _ = try await rclone.expect(["copyto", file.path, "coffer:large/rclone/\(name)"])
            _ = try await rclone.expect(["copyto", "coffer:large/rclone/\(name)", back.path])
            #expect(try await Scratch.identical(file, back), "rclone \(name)")
            try FileManager.default.removeItem(at: back)
            print("coffer peak RSS after rclone \(name): \(try server.peakResidentBytes() >> 20) MiB")

            let aws = AWSCLI(server: server)
            let up = try await aws.run([
                "s3", "cp", file.path, "s3://large/aws/\(name)", "--sse", "aws:kms", "--sse-kms-key-id", keyArn,
            ])
            try #require(up.status == 0, "aws s3 cp up: \(up.stderr)\nserver:\n\(server.output.suffix(3000))")
            let down = try await aws.run(["s3", "cp", "s3://large/aws/\(name)", back.path])
            try #require(down.status == 0, "aws s3 cp down: \(down.stderr)")
            #expect(try await Scratch.identical(file, back), "aws s3 cp \(name)")
            try FileManager.default.removeItem(at: back)
            print("coffer peak RSS after aws s3 cp \(name): \(try server.peakResidentBytes() >> 20) MiB")

            let boto3 = try await Boto3(server: server).summary(
                script: "s3_transfer", arguments: ["roundtrip", "large", file.path, keyArn])
            #expect(boto3["key_arn"] as? String == keyArn)
            #expect(try await Scratch.identical(file, back), "boto3 transfer manager \(name)")
        }
    }
}
