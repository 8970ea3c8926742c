import Foundation
import TestSupport
import Testing

@testable import ObjectStore

/// A store on a tmpfs that fills up: full-disk writes fail with `insufficientStorage`, lose nothing acknowledged, and
/// succeed again once space is freed.
@Suite(
    "A full disk under the store",
    .enabled(if: Tmpfs.testsRun, "mount -t tmpfs is not permitted here (needs root; CI requires it)"),
    .timeLimit(.minutes(2)))
struct DiskFullTests {
    @Test("blob and inline PUTs on a full disk fail clearly; acknowledged objects stay intact; freeing space heals")
    func fullDisk() async throws {
        let tmpfs = try Tmpfs.mount(megabytes: 8)
        defer { tmpfs.unmount() }
        let onTmpfs: (inout ObjectStoreConfiguration) -> Void = { $0.dataDirectory = tmpfs.url.path + "/store" }
        try await StoreFixture.with(durability: .durable, inlineThreshold: 4096, configure: onTmpfs) { fixture in
            // Given an 8 MiB disk, when 256 KiB objects are stored until one fails, then it fails for lack of space.
            var stored: [String: [UInt8]] = [:]
            var failure: (any Error)?
            for index in 0..<64 {
                let bytes = (0..<(256 << 10)).map { _ in UInt8.random(in: 0...255) }
                do {
                    try await fixture.put("big-\(index)", bytes, chunkSize: 64 << 10)
                    stored["big-\(index)"] = bytes
                } catch {
                    failure = error
                    break
                }
            }
            #expect((failure as? ObjectStoreError)?.kind == .insufficientStorage, "\(String(describing: failure))")
            #expect(stored.count >= 4)
            // The failed PUT left no temporary file behind.
            #expect(try FileManager.default.contentsOfDirectory(atPath: tmpfs.url.path + "/store/objects/tmp") == [])

            // With the last bytes taken, a small object kept in its metadata row fails too (SQLITE_FULL).
            tmpfs.fill("filler")
            await fixture.expectError(.insufficientStorage) { try await fixture.put("small", [1, 2, 3]) }

            for (key, bytes) in stored { #expect(try await fixture.get(key) == bytes, "\(key)") }

            // Once space is freed, writes succeed again.
            try FileManager.default.removeItem(at: tmpfs.url.appendingPathComponent("filler"))
            try await fixture.store.deleteObject(bucket: "bucket1", key: "big-0")
            let after = (0..<(256 << 10)).map { _ in UInt8.random(in: 0...255) }
            try await fixture.put("after", after)
            try await fixture.put("small", [1, 2, 3])
            #expect(try await fixture.get("after") == after)
            #expect(try await fixture.get("small") == [1, 2, 3])
        }
    }
}
