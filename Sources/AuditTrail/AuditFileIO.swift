import Dispatch

/// Encodes events and appends them on a dedicated serial queue, off the cooperative thread pool.
///
/// `@unchecked Sendable`: the appender and the encoder's buffer are mutable and not thread-safe, but they are touched
/// only inside blocks on `queue`, which is serial, so no two threads ever use them at once.
final class AuditFileIO: @unchecked Sendable {
    private let queue = DispatchQueue(label: "coffer.audit.writer")
    private let appender: AuditFileAppender
    private var encoder = AuditLineEncoder()

    /// File I/O for the audit directory `directory`.
    init(directory: String) {
        appender = AuditFileAppender(directory: directory)
    }

    /// Encodes `events` as JSON lines and appends them to `day`'s file, synced.
    func append(_ events: ArraySlice<AuditEvent>, day: AuditDay) async throws(AuditTrailError) {
        let result: Result<Void, AuditTrailError> = await withCheckedContinuation { continuation in
            queue.async {
                for event in events { self.encoder.append(event) }
                let lines = self.encoder.take()
                do throws(AuditTrailError) {
                    try self.appender.append(lines, day: day)
                    continuation.resume(returning: .success(()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        try result.get()
    }

    /// Closes the open file.
    func close() async {
        await withCheckedContinuation { continuation in
            queue.async {
                self.appender.close()
                continuation.resume()
            }
        }
    }
}
