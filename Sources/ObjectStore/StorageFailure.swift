import GRDB
import Logging

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Failures of the disk under the store (blob files and the metadata database): logged with the errno and the path,
/// and turned into the store's error, ``ObjectStoreError/Kind/insufficientStorage`` for a full disk.
enum StorageFailure {
    /// Logs a failed system call of the blob store and returns the error to throw.
    static func blob(_ failure: POSIX.Failure, logger: Logger) -> ObjectStoreError {
        logger.error(
            "storage I/O failed",
            metadata: [
                "call": "\(failure.call)", "path": "\(failure.path)", "errno": "\(failure.errno)",
                "error": "\(String(cString: strerror(failure.errno)))",
            ])
        return failure.isOutOfSpace ? .insufficientStorage : .internalError("Blob I/O error: \(failure)")
    }

    /// Logs a failed metadata database operation caused by the disk (`SQLITE_FULL`, `SQLITE_IOERR`) and returns the
    /// error to throw; nil for other database errors, which are not the disk's.
    ///
    /// SQLite reports a full disk (`ENOSPC`) as `SQLITE_FULL` and keeps no errno for it, so the errno is implied.
    static func database(_ error: DatabaseError, path: String, logger: Logger) -> ObjectStoreError? {
        guard isDiskFailure(error) else { return nil }
        let full = error.resultCode == .SQLITE_FULL
        var metadata: Logger.Metadata = [
            "path": "\(path)", "sqlite_code": "\(error.extendedResultCode.rawValue)",
            "error": "\(error.message ?? "\(error.resultCode)")",
        ]
        if full { metadata["errno"] = "\(ENOSPC)" }
        logger.error("metadata database I/O failed", metadata: metadata)
        return full
            ? .insufficientStorage : .internalError("Metadata I/O error: SQLite code \(error.extendedResultCode)")
    }

    /// Whether SQLite failed because of the disk: full (`SQLITE_FULL`) or an I/O error (`SQLITE_IOERR_*`).
    static func isDiskFailure(_ error: DatabaseError) -> Bool {
        error.resultCode == .SQLITE_FULL || error.resultCode == .SQLITE_IOERR
    }

    /// The logger of storage failures found where no store logger is at hand (the metadata database).
    static var metadataLogger: Logger { Logger(label: "coffer.objectstore") }
}
