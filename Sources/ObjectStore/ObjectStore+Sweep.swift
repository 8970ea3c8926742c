import Logging

extension ObjectStore {
    /// Deletes what a crash can leave behind: every temporary file, and every blob without a row.
    ///
    /// Runs at open, before any request, so no write is in flight. It walks one fan-out directory at a
    /// time and asks the database only for that directory's ids, so memory stays bounded. Returns the
    /// number of files removed.
    @discardableResult
    func sweepOrphans() async throws -> Int {
        var removed = try await blobs.removeAllUnpublished()
        for byte in UInt8.min...UInt8.max {
            let names = try await blobs.blobNames(firstByte: byte)
            guard !names.isEmpty else { continue }
            let committed = try await metadata.objectIDs(firstByte: byte)
            let orphans = names.filter { name in ObjectID(hex: name).map { !committed.contains($0) } ?? true }
            try await blobs.removeBlobs(named: orphans, firstByte: byte)
            removed += orphans.count
        }
        if removed > 0 {
            logger.notice("Removed orphaned blob files", metadata: ["count": "\(removed)"])
        }
        return removed
    }
}
