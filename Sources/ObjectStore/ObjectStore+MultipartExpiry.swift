import Foundation
import Logging

extension ObjectStore {
    /// Aborts every upload initiated more than ``ObjectStoreConfiguration/multipartUploadExpiry`` ago and removes
    /// its part blobs; returns how many uploads were aborted. ``MultipartExpiryService`` runs it periodically.
    @discardableResult
    public func abortExpiredUploads() async throws -> Int {
        let age = configuration.multipartUploadExpiry
        let milliseconds = age.components.seconds * 1000 + age.components.attoseconds / 1_000_000_000_000_000
        let cutoff = configuration.clock().millisecondsSince1970 - milliseconds
        var aborted = 0
        // Bounded: each round removes what it found; a batch that removes nothing ends the sweep.
        for _ in 0..<10_000 {
            let expired = try await metadata.uploads(initiatedBefore: cutoff, limit: 100)
            guard !expired.isEmpty else { break }
            var removedThisRound = 0
            for upload in expired {
                do {
                    try await abortMultipartUpload(
                        UploadAddress(bucket: upload.bucket, key: upload.key, uploadId: upload.id))
                    removedThisRound += 1
                } catch let error as ObjectStoreError where error.kind == .noSuchUpload {
                    continue  // completed or aborted meanwhile
                }
            }
            aborted += removedThisRound
            if removedThisRound == 0 { break }
        }
        if aborted > 0 {
            logger.notice("Aborted expired multipart uploads", metadata: ["count": "\(aborted)"])
        }
        return aborted
    }
}
