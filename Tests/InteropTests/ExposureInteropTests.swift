import Foundation
import Testing

/// The binary itself: `coffer serve --host 0.0.0.0` with the published default credentials exits at once, non-zero,
/// and says which variables to set; with them set it starts.
@Suite struct ExposureInteropTests {
    @Test func serveRefusesAllInterfacesWithTheDefaultCredentials() async throws {
        let scratch = try Scratch()
        defer { try? FileManager.default.removeItem(at: scratch.url) }
        var environment = ProcessInfo.processInfo.environment
        environment["COFFER_ACCESS_KEY_ID"] = nil
        environment["COFFER_SECRET_ACCESS_KEY"] = nil
        let data = scratch.path("data").path
        let result = try await Shell.run(
            try CofferProcess.cofferBinary().path, ["serve", "--host", "0.0.0.0", "--port", "0", "--data", data],
            environment: environment, timeout: 30)
        #expect(result.status != 0)
        #expect(result.stderr.contains("COFFER_ACCESS_KEY_ID"), "\(result.stderr)")
        #expect(result.stderr.contains("COFFER_SECRET_ACCESS_KEY"))
        #expect(!FileManager.default.fileExists(atPath: data), "refused before the data folder is created")
    }

    @Test func serveListensOnAllInterfacesWithRealCredentials() async throws {
        // CofferProcess sets real credentials, and returns once /_coffer/health answers; the last --host wins.
        let server = try await CofferProcess.started(extraArguments: ["--host", "0.0.0.0"])
        #expect(server.processIdentifier != nil)
    }
}
