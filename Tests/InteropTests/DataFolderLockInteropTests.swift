import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// One `coffer serve` per data folder: a second exits at once with a message naming the folder and the holder's pid,
/// `coffer audit` still reads the folder, and the lock dies with its holder, even by `kill -9`.
extension RealClients {
    @Suite(.enabled(if: Interop.enabled(Interop.curl), "curl is not installed"))
    struct DataFolderLockInteropTests {
        @Test(.timeLimit(.minutes(2))) func aSecondServerOnAFolderInUseExitsAtOnce() async throws {
            // Given a server on a folder, with one audited KMS change.
            let first = try await CofferProcess.started()
            defer { try? FileManager.default.removeItem(at: first.dataDirectory) }
            _ = try await SignedCurl(server: first).createKey(description: "locked")
            let binary = try CofferProcess.cofferBinary().path
            let folder = first.dataDirectory.standardizedFileURL.path

            // When a second server starts on the same folder, then it exits non-zero within seconds, naming both.
            let started = ContinuousClock.now
            let second = try await Shell.run(
                binary, ["serve", "--port", String(try CofferProcess.freePort()), "--data", folder], timeout: 20)
            #expect(second.status != 0)
            #expect(ContinuousClock.now - started < .seconds(10))
            let pid = try #require(first.processIdentifier)
            #expect(second.stderr.contains(folder), "\(second.stderr)")
            #expect(second.stderr.contains("pid \(pid)"), "\(second.stderr)")

            // And `coffer audit` reads the folder in use.
            let audit = try await Shell.run(binary, ["audit", "--data", folder], timeout: 30)
            #expect(audit.status == 0, "\(audit.stderr)")
            #expect(audit.stdout.contains("CreateKey"), "\(audit.stdout)")

            // And after `kill -9` of the first, a new server starts on the folder.
            try await offCooperativeThreads { first.stop(signal: SIGKILL) }
            let third = try await CofferProcess.started(dataDirectory: first.dataDirectory)
            #expect(third.processIdentifier != nil)
            try await offCooperativeThreads { third.stop() }
        }
    }
}
