/// An open blob file descriptor, closed when the last reference goes away.
///
/// `@unchecked Sendable`: the descriptor is immutable after init, and the only operations on it
/// (`pread`, `pwrite` at explicit offsets, `fsync`) are safe to issue from any thread. Callers never
/// write and read the same file concurrently.
final class BlobFile: @unchecked Sendable {
    let descriptor: Int32
    let path: String

    init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit {
        POSIX.close(descriptor)
    }
}
