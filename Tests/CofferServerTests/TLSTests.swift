import CofferServer
import Foundation
import HTTPSupport
import Hummingbird
import HummingbirdCore
import HummingbirdTesting
import NIOCore
import NIOSSL
import SwiftASN1
import TestSupport
import Testing
import X509

@Suite("HTTPS: the self-signed certificate, secure transport, plain HTTP on the TLS port", .timeLimit(.minutes(3)))
struct TLSTests {
    /// A fresh data folder's certificate files, made.
    static func certificate() throws -> SelfSignedCertificate {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coffer-tls-\(UUID().uuidString)")
        let files = SelfSignedCertificate(dataDirectory: folder.path)
        try files.prepare()
        return files
    }

    static func serverConfiguration(_ files: SelfSignedCertificate) throws -> TLSConfiguration {
        TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(files.certificatePath).map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: files.privateKeyPath, format: .pem)))
    }

    /// A server whose one route answers its context's `isSecureTransport`.
    static func probe(_ server: HTTPServerBuilder) -> some ApplicationProtocol {
        let router = Router(context: CofferRequestContext.self)
        router.get("secure") { _, context in "\(context.isSecureTransport)" }
        return Application(
            router: router, server: server, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    @Test("the self-signed certificate names localhost, 127.0.0.1 and ::1, is its own CA, and its key is 0600")
    func selfSignedCertificate() throws {
        let files = try Self.certificate()
        let pem = try String(contentsOfFile: files.certificatePath, encoding: .utf8)
        let certificate = try Certificate(pemEncoded: pem)
        let names = try #require(try certificate.extensions.subjectAlternativeNames)
        #expect(names.contains(.dnsName("localhost")))
        #expect(names.contains(.ipAddress(.init(contentBytes: [127, 0, 0, 1]))))
        #expect(names.contains(.ipAddress(.init(contentBytes: ArraySlice(Array(repeating: 0, count: 15) + [1])))))
        #expect(try certificate.extensions.basicConstraints == .isCertificateAuthority(maxPathLength: 0))
        #expect(try certificate.extensions.extendedKeyUsage?.contains(.serverAuth) == true)
        #expect(certificate.issuer == certificate.subject)
        #expect(try certificate.publicKey.isValidSignature(certificate.signature, for: certificate))
        let mode = try FileManager.default.attributesOfItem(atPath: files.privateKeyPath)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        // Given the files exist, a second start reuses them.
        #expect(try files.prepare() == false)
        #expect(try String(contentsOfFile: files.certificatePath, encoding: .utf8) == pem)
    }

    @Test("the TLS flags and their environment variables resolve to one setting, and half a pair is refused")
    func settingsResolve() throws {
        #expect(try TLSSettings.resolve(certificate: nil, privateKey: nil, selfSigned: false, environment: [:]) == nil)
        #expect(
            try TLSSettings.resolve(
                certificate: nil, privateKey: nil, selfSigned: false, environment: ["COFFER_TLS_SELF_SIGNED": "1"])
                == .selfSigned)
        let files = try TLSSettings.resolve(
            certificate: "c.pem", privateKey: nil, selfSigned: false, environment: ["COFFER_TLS_KEY": "k.pem"])
        #expect(files == .files(certificate: "c.pem", privateKey: "k.pem"))
        #expect(throws: CofferConfigurationError.self) {
            try TLSSettings.resolve(
                certificate: nil, privateKey: nil, selfSigned: false, environment: ["COFFER_TLS_CERT": "c"])
        }
        #expect(throws: CofferConfigurationError.self) {
            try TLSSettings.resolve(certificate: "c", privateKey: "k", selfSigned: true, environment: [:])
        }
    }

    @Test("isSecureTransport is true for a request over TLS")
    func secureOverTLS() async throws {
        let app = Self.probe(.cofferHTTPS(tlsConfiguration: try Self.serverConfiguration(try Self.certificate())))
        try await app.test(.ahc(.https)) { client in
            try await client.execute(uri: "/secure", method: .get) { response in
                #expect(String(buffer: response.body) == "true")
            }
        }
    }

    @Test("isSecureTransport is false for a request over plain HTTP")
    func insecureOverHTTP() async throws {
        try await Self.probe(.cofferHTTP1()).test(.live) { client in
            try await client.execute(uri: "/secure", method: .get) { response in
                #expect(String(buffer: response.body) == "false")
            }
        }
    }

    @Test("plain HTTP on the TLS port gets a 400 saying the port speaks HTTPS, and the connection closes")
    func plainHTTPRejected() async throws {
        let app = Self.probe(.cofferHTTPS(tlsConfiguration: try Self.serverConfiguration(try Self.certificate())))
        try await app.test(.ahc(.https)) { client in
            let port = try #require(client.port)
            let answer = try await RawConnection.with(port: port) { connection in
                try await connection.send("GET /secure HTTP/1.1\r\nHost: localhost\r\n\r\n")
                return try await connection.readToEnd()
            }
            #expect(answer.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
            #expect(answer.hasSuffix(PlainHTTPRejectHandler.message))
        }
    }
}
