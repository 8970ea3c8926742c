import Synchronization

/// The trailing headers of an aws-chunked body, published by the body's iterator once the body has ended.
///
/// The object store asks for a trailer checksum only after it consumed the whole body (``ObjectStore`` reads
/// `ChecksumRequest.Expected.trailer` then), so a read always happens after the write.
final class TrailerStore: Sendable {
    private let values = Mutex<[String: String]>([:])

    /// Records the trailers (lower-case names).
    func publish(_ trailers: [(name: String, value: String)]) {
        values.withLock { values in
            for trailer in trailers { values[trailer.name] = trailer.value }
        }
    }

    /// The value of a trailer, nil when the body had none by that name.
    func value(_ name: String) -> String? {
        values.withLock { $0[name] }
    }
}
