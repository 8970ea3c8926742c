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
        try #require(
            FileManager.default.createFile(
                atPath: keyFile, contents: Data(repeating: 0, count: 31), attributes: [.posixPermissions: 0o600]))
        let error = #expect(throws: RootKeyLoader.LoadError.self) {
            try RootKeyLoader.load(environmentValue: nil, keyFile: keyFile)
        }
        #expect(error?.description.contains("exactly 32 bytes") == true)
    }

    /// Like ssh with a private key: a root key file that its group or others may read, write or run is refused.
    @Test(arguments: [0o640, 0o604, 0o620, 0o602, 0o610, 0o601, 0o644])
    func refusesAKeyFileOpenToGroupOrOthers(mode: Int) throws {
        let directory = try Fixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let keyFile = directory.appendingPathComponent("root.key").path
        try #require(
            FileManager.default.createFile(
                atPath: keyFile, contents: Data(repeating: 9, count: 32), attributes: [.posixPermissions: mode]))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: keyFile)  // past the umask
        let error = #expect(throws: RootKeyLoader.LoadError.self) {
            try RootKeyLoader.load(environmentValue: nil, keyFile: keyFile)
        }
        #expect(error?.description.contains(keyFile) == true)
        #expect(error?.description.contains("chmod 600") == true)
        #expect(error?.description.contains("(mode \(String(mode, radix: 8)))") == true)

        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: keyFile)
        #expect(try RootKeyLoader.load(environmentValue: nil, keyFile: keyFile).bytes == Array(repeating: 9, count: 32))
    }
}
