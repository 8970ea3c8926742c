import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KMS
import Logging
import NIOCore
import ObjectStore
import SigV4
import Testing

@testable import CofferServer

/// The S3 API inside the real composition root: the embedded KMS behind the object store, the store key sealed
/// under the root key, and KMS and S3 sharing one port, each with its own error format.
@Suite(.serialized) struct CompositionTests {
    static func configuration(_ directory: String) -> CofferConfiguration {
        CofferConfiguration(
            port: 0, dataDirectory: directory, accessKeyId: S3TestHarness.accessKeyId,
            secretAccessKey: S3TestHarness.secretAccessKey, logLevel: .warning)
    }

    static func withDirectory(_ body: (String) async throws -> Void) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("coffer-s3-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await body(directory)
    }

    /// A signed KMS JSON call through `POST /`.
    static func kms(_ client: some TestClientProtocol, _ operation: String, _ json: String) async throws -> TestResponse
    {
        let signer = SigV4Signer(
            accessKeyId: S3TestHarness.accessKeyId, secretAccessKey: S3TestHarness.secretAccessKey,
            region: "us-east-1", service: "kms")
        let request = SigV4Request(
            method: "POST", path: "/", query: "",
            headers: [
                ("host", "localhost"), ("content-type", "application/x-amz-json-1.1"),
                ("x-amz-target", "TrentService.\(operation)"),
            ])
        let signed = signer.sign(request, payloadHash: hexSHA256(Array(json.utf8)), addContentSHA256Header: false)
        var fields = HTTPFields()
        for (name, value) in signed.headers where name != "host" {
            fields.append(HTTPField(name: HTTPField.Name(name)!, value: value))
        }
        return try await client.execute(uri: "/", method: .post, headers: fields, body: ByteBuffer(string: json))
    }

    @Test func sseKMSThroughTheEmbeddedKMSAndBothErrorFormats() async throws {
        try await Self.withDirectory { directory in
            let app = try await buildApplication(configuration: Self.configuration(directory))
            try await app.test(.router) { client in
                #expect(try await client.s3(.put, "/lecture").status == .ok)
                let created = try await Self.kms(client, "CreateKey", "{}")
                let keyArn = try #require(created.text.split(separator: "\"").first { $0.hasPrefix("arn:aws:kms") })

                let put = try await client.put(
                    "/lecture/notes", "envelope",
                    headers: [
                        ("x-amz-server-side-encryption", "aws:kms"),
                        ("x-amz-server-side-encryption-aws-kms-key-id", String(keyArn)),
                    ])
                #expect(put.headers[HTTPField.Name("x-amz-server-side-encryption-aws-kms-key-id")!] == String(keyArn))
                let managed = try await client.put(
                    "/lecture/managed", "x", headers: [("x-amz-server-side-encryption", "aws:kms")])
                #expect(managed.status == .ok, "\(managed.text)")
                let aliases = try await Self.kms(client, "ListAliases", "{}")
                #expect(aliases.text.contains("alias/aws/s3"))
                #expect(try await client.get("/lecture/notes").text == "envelope")

                _ = try await Self.kms(client, "DisableKey", #"{"KeyId":"\#(keyArn)"}"#)
                let disabled = try await client.get("/lecture/notes")
                #expect(disabled.status == .badRequest)
                #expect(disabled.errorCode == "KMS.DisabledException")
                #expect(disabled.xml("Message") == "\(keyArn) is disabled.")
                _ = try await Self.kms(client, "EnableKey", #"{"KeyId":"\#(keyArn)"}"#)
                #expect(try await client.get("/lecture/notes").text == "envelope")

                let unknown = try await client.put(
                    "/lecture/u", "x",
                    headers: [
                        ("x-amz-server-side-encryption", "aws:kms"),
                        ("x-amz-server-side-encryption-aws-kms-key-id", "alias/missing"),
                    ])
                #expect(unknown.errorCode == "KMS.NotFoundException")

                // KMS keeps its JSON errors on POST /, S3 its XML everywhere else.
                let kmsError = try await client.execute(
                    uri: "/", method: .post, headers: [:], body: ByteBuffer(string: "{}"))
                #expect(kmsError.text.contains("__type"))
                #expect(kmsError.headers[.contentType] == "application/x-amz-json-1.1")
                let s3Error = try await client.execute(uri: "/lecture", method: .get)
                #expect(s3Error.errorCode == "AccessDenied")
                #expect(try await client.execute(uri: "/_coffer/health", method: .get).status == .ok)
            }
        }
    }

    @Test func objectsSurviveARestartAndTheStoreKeyIsSealed() async throws {
        try await Self.withDirectory { directory in
            let first = try await buildApplication(configuration: Self.configuration(directory))
            try await first.test(.router) { client in
                _ = try await client.s3(.put, "/restart")
                _ = try await client.put("/restart/s3", "default encryption")
                _ = try await client.put("/restart/kms", "kms", headers: [("x-amz-server-side-encryption", "aws:kms")])
            }
            let keyFile = directory + "/meta/store.key"
            let attributes = try FileManager.default.attributesOfItem(atPath: keyFile)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            #expect((attributes[.size] as? NSNumber)?.intValue == 61)

            let second = try await buildApplication(configuration: Self.configuration(directory))
            try await second.test(.router) { client in
                let sseS3 = try await client.get("/restart/s3")
                let sseKMS = try await client.get("/restart/kms")
                #expect(sseS3.text == "default encryption")
                #expect(sseKMS.text == "kms")
            }
        }
    }

    @Test func theStoreKeyOpensOnlyUnderItsRootKey() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID())/store.key").path
        defer { try? FileManager.default.removeItem(atPath: (file as NSString).deletingLastPathComponent) }
        let root = SymmetricKey(size: .bits256)
        let created = try StoreKeyLoader.load(file: file, rootKey: root)
        let reloaded = try StoreKeyLoader.load(file: file, rootKey: root)
        #expect(created == reloaded)
        #expect(throws: StoreKeyLoader.LoadError.self) {
            try StoreKeyLoader.load(file: file, rootKey: SymmetricKey(size: .bits256))
        }
    }

    @Test func kmsErrorsBecomeProviderErrorKinds() {
        let cases: [(KMSError, DataKeyProviderError.Kind)] = [
            (.invalidKeyId("x"), .notFound), (.disabled(arn: "a"), .disabled),
            (.pendingDeletion(arn: "a"), .invalidState),
            (.invalidCiphertext, .invalidCiphertext), (KMSError(.accessDenied, "no"), .accessDenied),
            (KMSError(.throttling, "slow"), .throttled), (.internalFailure, .other),
        ]
        for (error, kind) in cases {
            let mapped = DataKeyProviderError(error)
            #expect(mapped.kind == kind, "\(error)")
            #expect(mapped.message == error.message)
        }
    }
}
