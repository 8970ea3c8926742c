import DequeModule
public import Foundation
public import ObjectStore
import Synchronization

/// The last S3 requests with their envelope steps, for the console's request inspector: a bounded ring in memory.
///
/// An entry holds the request's method, operation, bucket, key, principal, status, duration and its
/// ``ObjectStore/EnvelopeTrace``: words, ARNs and sizes, never a key or an object's bytes. The oldest entry is
/// dropped when the ring is full; nothing is written to disk.
public final class RequestInspector: Sendable {
    /// One recorded request.
    public struct Entry: Sendable {
        public var id: String
        public var time: Date
        public var method: String
        public var status: Int
        public var durationMs: Double
        public var trace: EnvelopeTrace

        /// Creates an entry.
        public init(id: String, time: Date, method: String, status: Int, durationMs: Double, trace: EnvelopeTrace) {
            (self.id, self.time, self.method, self.status, self.durationMs, self.trace) =
                (id, time, method, status, durationMs, trace)
        }
    }

    /// How many requests the ring keeps.
    public let capacity: Int
    private let entries: Mutex<Deque<Entry>>

    /// Creates an empty ring of `capacity` requests.
    public init(capacity: Int = 500) {
        self.capacity = max(1, capacity)
        self.entries = Mutex(Deque(minimumCapacity: self.capacity))
    }

    /// Adds a finished request, dropping the oldest one when the ring is full.
    public func append(_ entry: Entry) {
        entries.withLock { entries in
            if entries.count == capacity { entries.removeFirst() }
            entries.append(entry)
        }
    }

    /// The last `limit` requests, newest first.
    public func recent(limit: Int) -> [Entry] {
        entries.withLock { Array($0.suffix(max(0, limit)).reversed()) }
    }
}
