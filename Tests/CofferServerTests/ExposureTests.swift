import Foundation
import Testing

@testable import CofferServer

/// `coffer serve` never exposes the published default credentials beyond loopback.
@Suite("Listening beyond loopback needs real credentials")
struct ExposureTests {
    @Test(arguments: [
        ("127.0.0.1", true), ("127.8.9.10", true), ("localhost", true), ("LocalHost", true), ("::1", true),
        ("[::1]", true), ("::ffff:127.0.0.1", true), ("0.0.0.0", false), ("::", false), ("192.168.1.10", false),
        ("128.0.0.1", false), ("example.test", false), ("::2", false), ("localhost.example.test", false),
    ])
    func loopbackAddresses(host: String, loopback: Bool) {
        #expect(CofferConfiguration.isLoopback(host) == loopback)
    }

    @Test(arguments: ["0.0.0.0", "::", "192.168.1.10", "coffer.example.test"])
    func defaultCredentialsAreRefusedBeyondLoopback(host: String) async throws {
        var configuration = TestServer.configuration(dataDirectory: Self.unusedDirectory())
        configuration.host = host
        let error = await #expect(throws: CofferConfigurationError.self) {
            _ = try await buildApplication(configuration: configuration)
        }
        #expect(error?.message.contains("COFFER_ACCESS_KEY_ID") == true)
        #expect(error?.message.contains("COFFER_SECRET_ACCESS_KEY") == true)
        #expect(error?.message.contains(host) == true)
        #expect(!FileManager.default.fileExists(atPath: configuration.dataDirectory), "refused before any file")
    }

    @Test func realCredentialsOrLoopbackAreAccepted() throws {
        var configuration = CofferConfiguration(host: "0.0.0.0")
        configuration.accessKeyId = "AKIAREALKEY0000001"
        configuration.secretAccessKey = "a-real-secret"
        try configuration.checkExposure()
        try CofferConfiguration(host: "127.0.0.1").checkExposure()
        var halfDefault = configuration
        halfDefault.secretAccessKey = CofferConfiguration.defaultSecretAccessKey
        #expect(throws: CofferConfigurationError.self) { try halfDefault.checkExposure() }
    }

    static func unusedDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("coffer-exposure-\(UUID().uuidString)")
    }
}
