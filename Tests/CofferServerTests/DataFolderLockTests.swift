import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import CofferServer

/// One server per data folder: the second `buildApplication` on a folder in use fails before it touches anything,
/// and the lock is released when the first server stops.
@Suite("Data folder lock")
struct DataFolderLockTests {
    @Test func aSecondServerOnTheSameFolderIsRefusedUntilTheFirstStops() async throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("coffer-lock-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let configuration = TestServer.configuration(dataDirectory: directory)

        let first = try await buildApplication(configuration: configuration)
        try await first.test(.router) { client in
            // While the first runs, a second is refused, naming the folder and this process's pid.
            let error = await #expect(throws: DataFolderLock.Held.self) {
                _ = try await buildApplication(configuration: configuration)
            }
            let description = error?.description ?? ""
            #expect(description.contains(URL(fileURLWithPath: directory.path).standardizedFileURL.path))
            #expect(description.contains("pid \(getpid())"))
            try await client.execute(uri: "/_coffer/health", method: .get) { #expect($0.status == .ok) }
        }

        // The first has stopped: the folder is free again.
        let second = try await buildApplication(configuration: configuration)
        try await second.test(.router) { client in
            try await client.execute(uri: "/_coffer/health", method: .get) { #expect($0.status == .ok) }
        }
        let lockFile = directory.appendingPathComponent("coffer.lock").path
        let mode = try FileManager.default.attributesOfItem(atPath: lockFile)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func theLockIsTakenBeforeAnythingIsCreatedInTheFolder() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("coffer-lock-\(UUID().uuidString)", isDirectory: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = DataDirectory(path: directory.path)
        let lock = try data.prepare(audit: false)
        // A second prepare fails on the lock and leaves the folder as it found it.
        try FileManager.default.removeItem(at: data.kms)
        #expect(throws: DataFolderLock.Held.self) { _ = try data.prepare(audit: true) }
        #expect(!FileManager.default.fileExists(atPath: data.kms.path))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("audit").path))
        lock.release()
        _ = try data.prepare(audit: true)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("audit").path))
    }
}
