import Foundation
import TestSupport
import Testing

/// `coffer serve` on a data folder that fills up (a 24 MiB tmpfs), driven with signed curl: the failing writes get a
/// clear 5xx, the server stays up, nothing acknowledged is lost (objects, keys, audit events), the log says which
/// file failed and why, and writes succeed again once space is freed.
extension RealClients {
    @Suite(
        .enabled(if: Interop.enabled(Interop.curl), "curl is not installed"),
        .enabled(if: Tmpfs.testsRun, "mount -t tmpfs is not permitted here (needs root; CI requires it)"))
    struct DiskFullInteropTests {
        @Test(.timeLimit(.minutes(5))) func fullDiskLosesNothingAcknowledged() async throws {
            let tmpfs = try Tmpfs.mount(megabytes: 24)
            defer { tmpfs.unmount() }
            let scratch = try Scratch()
            defer { scratch.remove() }
            // The data folder fills up, the log (in the scratch folder) does not.
            let data = tmpfs.url.appendingPathComponent("data")
            try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
            let server = try CofferProcess(dataDirectory: data, logDirectory: scratch.url)
            defer { server.stop() }
            let curl = DiskFullClient(curl: SignedCurl(server: server))

            // Given a bucket, a KMS key with a ciphertext, and 1 MiB objects stored until the disk is full
            #expect(try await curl.s3("PUT", "/full").status == 200)
            let before = try await curl.kms("CreateKey", #"{"Description":"before"}"#)
            let keyId = try #require(before.field("KeyMetadata", "KeyId"), "\(before)")
            let sealed = try await curl.kms("Encrypt", #"{"KeyId":"\#(keyId)","Plaintext":"c2VjcmV0"}"#)
            let ciphertext = try #require(sealed.field("CiphertextBlob"))
            var stored: [String: URL] = [:]
            var refused: DiskFullClient.Answer?
            for index in 0..<40 {
                let file = try scratch.file("object-\(index)", size: Scratch.mebibyte)
                let answer = try await curl.s3("PUT", "/full/object-\(index)", upload: file)
                guard answer.status == 200 else {
                    refused = answer
                    break
                }
                stored["object-\(index)"] = file
            }

            // Then the failing PUT gets 503 ServiceUnavailable with a clear message, and the server stays up
            let full = try #require(refused, "the disk never filled:\n\(server.output)")
            #expect(full.status == 503, "\(full.body)")
            #expect(full.body.contains("<Code>ServiceUnavailable</Code>"))
            #expect(full.body.contains("Insufficient storage"))
            #expect(stored.count >= 5)
            #expect(try await curl.s3("GET", "/_coffer/health").status == 200)

            // With the last bytes taken: KMS CreateKey fails clearly, and the key made before still works
            tmpfs.fill("filler")
            let refusedKey = try await curl.kms("CreateKey", #"{"Description":"on a full disk"}"#)
            #expect(refusedKey.status == 500, "\(refusedKey)")
            #expect(refusedKey.field("__type") == "KMSInternalException")
            #expect(refusedKey.field("message")?.contains("Insufficient storage") == true)
            let opened = try await curl.kms("Decrypt", #"{"CiphertextBlob":"\#(ciphertext)"}"#)
            #expect(opened.field("Plaintext") == "c2VjcmV0", "\(opened)")
            #expect(try await curl.s3("PUT", "/full/small", upload: scratch.file("small", size: 100)).status == 503)

            // Every acknowledged object reads back byte-identical
            for (key, file) in stored.sorted(by: { $0.key < $1.key }) {
                let copy = scratch.path("read-\(key)")
                #expect(try await curl.s3("GET", "/full/\(key)", download: copy).status == 200)
                #expect(try await Scratch.identical(file, copy), "\(key)")
            }

            // The log names the errno and the file for blob writes and for the databases
            let log = server.output
            #expect(
                log.contains("storage I/O failed") && log.contains("errno=28") && log.contains("path=\(tmpfs.url.path)")
            )
            #expect(log.contains("kms operation failed internally") && log.contains("kms.sqlite"))

            // After freeing space, writes succeed again
            try FileManager.default.removeItem(at: tmpfs.url.appendingPathComponent("filler"))
            #expect(try await curl.s3("DELETE", "/full/object-0").status == 204)
            stored["object-0"] = nil
            let again = try await curl.s3("PUT", "/full/after", upload: scratch.file("after", size: Scratch.mebibyte))
            #expect(again.status == 200, "\(again.body)")
            let after = try await curl.kms("CreateKey", #"{"Description":"after"}"#)
            #expect(after.status == 200, "\(after)")

            // The audit trail holds every acknowledged KMS call (written once the disk took them again)
            server.stop()
            let trail = try Self.auditTrail(server.dataDirectory)
            for answer in [before, sealed, opened, after] where answer.status == 200 {
                #expect(trail.contains(answer.requestId), "\(answer.requestId) missing from the audit trail")
            }
        }

        static func auditTrail(_ data: URL) throws -> String {
            let folder = data.appendingPathComponent("audit")
            return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
                .map { try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }.joined()
        }
    }
}

/// Signed curl calls that report the status, the body and the request id.
struct DiskFullClient {
    let curl: SignedCurl

    struct Answer: CustomStringConvertible {
        var status: Int
        var body: String
        var requestId: String
        /// The string at `names` in the JSON body.
        func field(_ names: String...) -> String? {
            var value: Any? = try? JSONSerialization.jsonObject(with: Data(body.utf8))
            for name in names { value = (value as? [String: Any])?[name] }
            return value as? String
        }
        var description: String { "\(status) \(body)" }
    }

    /// An S3 request; `upload` is sent as the body, the body is written to `download` when given.
    func s3(_ method: String, _ path: String, upload: URL? = nil, download: URL? = nil) async throws -> Answer {
        var arguments = ["-X", method, "-D", "-", "-H", "Expect:", "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD"]
        if let upload { arguments += ["--data-binary", "@\(upload.path)"] }
        if let download { arguments += ["-o", download.path] }
        return Self.parse(try await curl.run(arguments + [curl.server.endpoint + path]).stdout)
    }

    /// A KMS call with a JSON body.
    func kms(_ operation: String, _ body: String) async throws -> Answer {
        let arguments = [
            "-X", "POST", "-D", "-", "-H", "X-Amz-Target: TrentService.\(operation)",
            "-H", "Content-Type: application/x-amz-json-1.1", "--data", body, curl.server.endpoint,
        ]
        return Self.parse(try await curl.run(service: "kms", arguments).stdout)
    }

    /// Splits curl's `-D -` output: the status line, headers, a blank line, then the body.
    static func parse(_ output: String) -> Answer {
        let parts = output.components(separatedBy: "\r\n\r\n")
        let head = parts.first ?? ""
        let status = head.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        let requestId =
            head.split(separator: "\r\n").first {
                $0.lowercased().hasPrefix("x-amzn-requestid:") || $0.lowercased().hasPrefix("x-amz-request-id:")
            }
            .map { String($0.split(separator: ":", maxSplits: 1)[1]).trimmingCharacters(in: .whitespaces) } ?? ""
        return Answer(status: status, body: parts.dropFirst().joined(separator: "\r\n\r\n"), requestId: requestId)
    }
}
