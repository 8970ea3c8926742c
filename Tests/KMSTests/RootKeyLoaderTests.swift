import Crypto
import Foundation
import Testing

@testable import KMS

@Suite("Root key loader")
struct RootKeyLoaderTests {
    @Test func fromEnvironment() throws {
        let bytes = (0..<32).map { UInt8($0) }
        let key = try RootKeyLoader.load(
            environmentValue: Data(bytes).base64EncodedString(), keyFile: "/nonexistent/root.key")
        #expect(key.bytes == bytes)
    }

    @Test(arguments: ["", "not base64!", Data(repeating: 1, count: 16).base64EncodedString()])
    func badEnvironmentValue(value: String) {
        #expect(throws: RootKeyLoader.LoadError.self) {
            try RootKeyLoader.load(environmentValue: value, keyFile: "/nonexistent/root.key")
        }
    }

    @Test func createsTheFileOnceWithOwnerOnlyModes() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let keyFile = directory.appendingPathComponent("data/kms/root.key").path
        let first = try RootKeyLoader.load(environmentValue: nil, keyFile: keyFile)
        let attributes = try FileManager.default.attributesOfItem(atPath: keyFile)
        #expect(attributes[.posixPermissions] as? Int == 0o600)
        #expect(attributes[.size] as? Int == 32)
        let parent = try FileManager.default.attributesOfItem(atPath: (keyFile as NSString).deletingLastPathComponent)
        #expect(parent[.posixPermissions] as? Int == 0o700)
        let second = try RootKeyLoader.load(environmentValue: nil, keyFile: keyFile)
        #expect(first == second)
    }

    @Test func rejectsAKeyFileOfTheWrongSize() throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let keyFile = directory.appendingPathComponent("root.key").path
        FileManager.default.createFile(atPath: keyFile, contents: Data(repeating: 0, count: 31))
        #expect(throws: RootKeyLoader.LoadError.self) {
            try RootKeyLoader.load(environmentValue: nil, keyFile: keyFile)
        }
    }
}
