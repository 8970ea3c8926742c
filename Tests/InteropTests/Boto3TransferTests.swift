import Foundation
import Testing

/// boto3 beyond single requests: the transfer manager (`upload_file`/`download_file`, 5 MiB multipart threshold,
/// SSE-KMS with a Bucket Key from the bucket's default encryption), paginators, and `copy_object` with new SSE
/// parameters.
extension RealClients {
    @Suite(.serialized, .enabled(if: Interop.enabled(Interop.boto3Python), "python3 with boto3 is not installed"))
    struct Boto3TransferTests {
        let server: CofferProcess
        let boto3: Boto3
        let scratch: Scratch

        init() async throws {
            server = try await CofferProcess.started()
            boto3 = Boto3(server: server)
            scratch = try Scratch()
        }

        /// Uploads and downloads `size` bytes through the transfer manager and checks what HEAD reported.
        func roundTrip(size: Int) async throws -> String {
            defer { scratch.remove() }
            let keyArn = try await SignedCurl(server: server).createKey(description: "transfer manager")
            let file = try scratch.file("transfer.bin", size: size)
            let out = try await boto3.summary(
                script: "s3_transfer", arguments: ["roundtrip", "transfer", file.path, keyArn])
            #expect(out["sse"] as? String == "aws:kms")
            #expect(out["key_arn"] as? String == keyArn)
            #expect(out["bucket_key"] as? Bool == true)
            #expect(out["length"] as? Int == size)
            #expect(try await Scratch.identical(file, scratch.path("transfer.bin.back")))
            return out["etag"] as? String ?? ""
        }

        @Test func transferManagerBelowThresholdWithSSEKMSAndBucketKey() async throws {
            let etag = try await roundTrip(size: 3 * Scratch.mebibyte)
            #expect(!etag.contains("-"), "a single PUT has a plain MD5 ETag: \(etag)")
        }

        /// `?partNumber=` through boto3: part 1 of a single-part object is the whole object as a 206 (as on AWS);
        /// part 2 of a 3-part object is its second 5 MiB, with `PartsCount` and the object's ETag.
        @Test func partNumberOnHeadAndGet() async throws {
            defer { scratch.remove() }
            let keyArn = try await SignedCurl(server: server).createKey(description: "part numbers")
            let small = try scratch.file("small.bin", size: 1000)
            let single = try await boto3.summary(
                script: "s3_transfer", arguments: ["roundtrip", "parts", small.path, keyArn])
            #expect(single["part1_status"] as? Int == 206)
            #expect(single["part1_range"] as? String == "bytes 0-999/1000")
            #expect(single["parts_count"] == nil || single["parts_count"] is NSNull)
            let large = try scratch.file("large.bin", size: 12 * Scratch.mebibyte)
            let out = try await boto3.summary(
                script: "s3_transfer", arguments: ["roundtrip", "parts", large.path, keyArn])
            #expect(out["parts_count"] as? Int == 3)
            #expect(out["part1_length"] as? Int == 5 * Scratch.mebibyte)
            #expect(out["part2_status"] as? Int == 206)
            #expect(out["part2_length"] as? Int == 5 * Scratch.mebibyte)
            #expect(out["part2_range"] as? String == "bytes 5242880-10485759/12582912")
            #expect(out["part2_matches"] as? Bool == true)
            #expect(out["part2_etag_is_object_etag"] as? Bool == true)
        }

        /// 12 MiB at a 5 MiB chunk size: three parts, uploaded and downloaded concurrently.
        @Test func transferManagerMultipartWithSSEKMSAndBucketKey() async throws {
            let etag = try await roundTrip(size: 12 * Scratch.mebibyte)
            #expect(etag.hasSuffix("-3\""), "a 3-part upload's ETag ends in -3: \(etag)")
        }

        @Test func paginatorsWalkSeveralPages() async throws {
            defer { scratch.remove() }
            let out = try await boto3.summary(script: "s3_transfer", arguments: ["paginate"])
            let keys = (0..<7).map { "page/0\($0)" }
            for operation in ["list_objects_v2", "list_objects"] {
                let pages = try #require(out[operation] as? [String: Any], "\(operation)")
                #expect(pages["pages"] as? Int == 3, "\(operation)")
                #expect(pages["keys"] as? [String] == keys, "\(operation)")
                #expect(pages["truncated"] as? [Bool] == [true, true, false], "\(operation)")
            }
            #expect(out["max_items"] as? [String] == ["other/x", "page/00", "page/01", "page/02", "page/03"])
            #expect(out["prefixes"] as? [String] == ["other/", "page/"])
            #expect(out["deleted"] as? Int == 8)
        }

        /// botocore sends `Expect: 100-continue` for a zero-byte file too; the next upload on the same connection
        /// must not hang (a 10 s read timeout without retries turns a hang into a failure).
        @Test func zeroByteUploadThenMoreOnTheSameConnection() async throws {
            defer { scratch.remove() }
            let out = try await boto3.summary(script: "s3_transfer", arguments: ["empty-then-put"])
            #expect(out["sizes"] as? [Int] == [0, 1900, 0, 900])
            #expect(out["sizes"] as? [Int] == out["expected"] as? [Int])
        }

        @Test func copyObjectWithNewSSEParameters() async throws {
            defer { scratch.remove() }
            let curl = SignedCurl(server: server)
            let keyA = try await curl.createKey(description: "copy A")
            let keyB = try await curl.createKey(description: "copy B")
            let out = try await boto3.summary(script: "s3_copy_sse", arguments: [keyA, keyB])

            let source = try #require(out["source"] as? [String: Any])
            #expect(source["sse"] as? String == "AES256" && source["intact"] as? Bool == true)
            let response = try #require(out["copy_response"] as? [Any])
            #expect(response.first as? String == "aws:kms" && response.last as? Bool == true, "\(response)")
            try expectState(out["kms"], sse: "aws:kms", key: keyA, bucketKey: true, origin: "sse-s3")
            try expectState(out["in_place"], sse: "aws:kms", key: keyB, bucketKey: false, origin: "sse-s3")
            let other = try #require(out["other_bucket"] as? [String: Any])
            #expect(other["sse"] as? String == "AES256" && other["key_arn"] is NSNull, "\(other)")
            #expect(other["metadata"] as? [String: String] == ["origin": "replaced"])
            #expect(other["intact"] as? Bool == true)
        }

        func expectState(
            _ value: Any?, sse: String, key: String, bucketKey: Bool, origin: String,
            sourceLocation: SourceLocation = #_sourceLocation
        ) throws {
            let state = try #require(value as? [String: Any], sourceLocation: sourceLocation)
            #expect(state["sse"] as? String == sse, sourceLocation: sourceLocation)
            #expect(state["key_arn"] as? String == key, sourceLocation: sourceLocation)
            #expect(state["bucket_key"] as? Bool == bucketKey, sourceLocation: sourceLocation)
            #expect(state["metadata"] as? [String: String] == ["origin": origin], sourceLocation: sourceLocation)
            #expect(state["intact"] as? Bool == true, sourceLocation: sourceLocation)
        }
    }
}
