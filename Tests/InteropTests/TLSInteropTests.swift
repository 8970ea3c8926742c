import Foundation
import Testing

/// `coffer serve` over HTTPS (`--tls-self-signed`, `--tls-cert/--tls-key`) with the aws CLI, boto3 and curl at their
/// default settings, trusting the certificate only through AWS_CA_BUNDLE, verify= and --cacert.
@Suite(.serialized, .enabled(if: Interop.enabled(Interop.aws), "the aws CLI is not installed"))
struct TLSInteropTests {
    /// The self-signed certificate of `server`'s data folder.
    static func caBundle(_ server: CofferProcess) -> String {
        server.dataDirectory.appendingPathComponent("tls/cert.pem").path
    }

    static func curl(_ arguments: [String], timeout: TimeInterval = 30) throws -> Shell.Result {
        try Shell.run("/usr/bin/env", ["curl", "-sS", "--max-time", "10"] + arguments, timeout: timeout)
    }

    @Test func awsCLIDefaultsOverHTTPS() throws {
        let server = try CofferProcess(extraArguments: ["--tls-self-signed"])
        let ca = Self.caBundle(server)
        #expect(server.output.contains("Coffer listening on https://127.0.0.1:\(server.port)"))
        #expect(server.output.contains("export AWS_CA_BUNDLE=\(ca)"))
        let aws = AWSCLI(server: server)
        let trust = ["AWS_CA_BUNDLE": ca]
        let run = { (arguments: [String]) throws -> Shell.Result in
            let result = try aws.run(arguments, environmentOverrides: trust)
            try #require(result.status == 0, "aws \(arguments) failed: \(result.stderr)\nserver:\n\(server.output)")
            return result
        }
        let key = try JSONSerialization.jsonObject(with: Data(try run(["kms", "create-key"]).stdout.utf8))
        let keyId = try #require(((key as? [String: Any])?["KeyMetadata"] as? [String: Any])?["KeyId"] as? String)
        let dataKey = try run(["kms", "generate-data-key", "--key-id", keyId, "--key-spec", "AES_256"]).stdout
        #expect(dataKey.contains("\"Plaintext\""))
        _ = try run(["s3", "mb", "s3://tls-cli"])

        let folder = try CofferProcess.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let big = folder.appendingPathComponent("big")
        try Data((0..<(20 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }).write(to: big)
        _ = try run(["s3", "cp", big.path, "s3://tls-cli/big", "--sse", "aws:kms", "--sse-kms-key-id", keyId])
        let back = folder.appendingPathComponent("back")
        _ = try run(["s3", "cp", "s3://tls-cli/big", back.path])
        #expect(try Data(contentsOf: back) == (try Data(contentsOf: big)))
        let head = try run(["s3api", "head-object", "--bucket", "tls-cli", "--key", "big"]).stdout
        #expect(head.contains("-3\\\""), "a 20 MiB `s3 cp` is a 3-part multipart upload: \(head)")

        let small = folder.appendingPathComponent("small")
        try Data("small over tls".utf8).write(to: small)
        _ = try run(["s3api", "put-object", "--bucket", "tls-cli", "--key", "small", "--body", small.path])
        let got = folder.appendingPathComponent("got")
        _ = try run(["s3api", "get-object", "--bucket", "tls-cli", "--key", "small", got.path])
        #expect(try String(contentsOf: got, encoding: .utf8) == "small over tls")

        let url = try run(["s3", "presign", "s3://tls-cli/small"]).stdout.trimmingCharacters(
            in: .whitespacesAndNewlines)
        #expect(url.hasPrefix("https://"))
        #expect(try Self.curl(["--cacert", ca, url]).stdout == "small over tls")
        let console = try Self.curl([
            "--cacert", ca, "-o", "/dev/null", "-w", "%{http_code}", "\(server.endpoint)/_coffer/console/",
        ])
        #expect(console.stdout == "200")
        let untrusted = try Self.curl(["\(server.endpoint)/_coffer/health"])
        #expect(untrusted.status != 0, "curl without --cacert must refuse the self-signed certificate")
    }

    @Test(.enabled(if: Interop.enabled(Interop.boto3Python), "python3 with boto3 is not installed"))
    func boto3DefaultsOverHTTPS() async throws {
        let server = try CofferProcess(extraArguments: ["--tls-self-signed"])
        let boto3 = Boto3(server: server)
        let (python, script) = try boto3.interpreterAndScript("tls_boto3")
        var environment = boto3.scriptEnvironment
        environment["COFFER_CA_BUNDLE"] = Self.caBundle(server)
        let result = try await Shell.run(python, [script], environment: environment, timeout: 300)
        try #require(result.status == 0, "tls_boto3.py failed:\n\(result.stderr)\nserver:\n\(server.output)")
        let line = try #require(result.stdout.split(separator: "\n").last)
        let out = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(out["data_key_bytes"] as? Int == 32)
        #expect(out["put_sse"] as? String == "aws:kms")
        #expect(out["small_round_trip"] as? Bool == true)
        #expect(out["big_round_trip"] as? Bool == true)
        #expect(out["big_etag_parts"] as? String == "3")
        #expect(out["presigned_scheme"] as? String == "https")
        #expect((out["complete_location"] as? String)?.hasPrefix("https://127.0.0.1:\(server.port)/tls-boto3/") == true)
        #expect(out["presigned_ok"] as? Bool == true)
    }

    @Test func plainHTTPToTheTLSPortGetsAClearAnswer() throws {
        let server = try CofferProcess(extraArguments: ["--tls-self-signed"])
        let started = Date()
        let result = try Self.curl(
            ["-i", "http://127.0.0.1:\(server.port)/_coffer/health"], timeout: 15)
        #expect(Date().timeIntervalSince(started) < 5, "the answer must come at once, not after a timeout")
        #expect(result.stdout.hasPrefix("HTTP/1.1 400"), "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains("This port speaks HTTPS"))
        // The TLS port still serves TLS afterwards.
        let health = try Self.curl(["--cacert", Self.caBundle(server), "\(server.endpoint)/_coffer/health"])
        #expect(health.status == 0)
    }

    @Test func aRestartReusesTheCertificate() throws {
        let server = try CofferProcess(extraArguments: ["--tls-self-signed"])
        let ca = Self.caBundle(server)
        let first = try Data(contentsOf: URL(fileURLWithPath: ca))
        server.stop()
        try server.start(extraArguments: ["--tls-self-signed"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: ca)) == first)
        #expect(try Self.curl(["--cacert", ca, "\(server.endpoint)/_coffer/health"]).status == 0)
    }

    @Test func anOperatorCertificateFromOpenSSL() throws {
        let folder = try CofferProcess.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cert = folder.appendingPathComponent("cert.pem").path
        let key = folder.appendingPathComponent("key.pem").path
        let made = try Shell.run(
            "/usr/bin/env",
            [
                "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key, "-out", cert,
            ])
        try #require(made.status == 0, "openssl: \(made.stderr)")
        let server = try CofferProcess(extraArguments: ["--tls-cert", cert, "--tls-key", key])
        #expect(!server.output.contains("AWS_CA_BUNDLE"), "only a self-signed certificate of Coffer's is named")
        let aws = AWSCLI(server: server)
        let made2 = try aws.run(["s3", "mb", "s3://tls-openssl"], environmentOverrides: ["AWS_CA_BUNDLE": cert])
        #expect(made2.status == 0, "\(made2.stderr)")
    }

    @Test func unusableTLSFilesStopTheStartWithAClearError() throws {
        let folder = try CofferProcess.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let garbage = folder.appendingPathComponent("garbage.pem")
        try Data("not a certificate".utf8).write(to: garbage)
        let binary = try CofferProcess.cofferBinary().path
        let common = ["serve", "--port", "0", "--data", folder.appendingPathComponent("data").path]
        let missing = try Shell.run(
            binary, common + ["--tls-cert", "/nonexistent/cert.pem", "--tls-key", garbage.path], timeout: 30)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("Cannot read the TLS certificate /nonexistent/cert.pem: no such readable file"))
        let invalid = try Shell.run(
            binary, common + ["--tls-cert", garbage.path, "--tls-key", garbage.path], timeout: 30)
        #expect(invalid.status != 0)
        #expect(invalid.stderr.contains("Cannot read the TLS certificate \(garbage.path): not valid PEM"))
        let cert = folder.appendingPathComponent("cert.pem").path
        let otherKey = folder.appendingPathComponent("other.pem").path
        let made = try Shell.run(
            "/usr/bin/env",
            [
                "sh", "-c",
                "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -keyout /dev/null -out '\(cert)'"
                    + " && openssl genrsa -out '\(otherKey)' 2048",
            ])
        try #require(made.status == 0, "openssl: \(made.stderr)")
        let mismatched = try Shell.run(binary, common + ["--tls-cert", cert, "--tls-key", otherKey], timeout: 30)
        #expect(mismatched.status != 0)
        #expect(mismatched.stderr.contains("The TLS private key \(otherKey) does not match the certificate \(cert)"))
        let half = try Shell.run(binary, common + ["--tls-cert", garbage.path], timeout: 30)
        #expect(half.stderr.contains("--tls-cert and --tls-key go together"))
    }
}
