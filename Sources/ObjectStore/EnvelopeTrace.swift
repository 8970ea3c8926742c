public import Foundation
import Synchronization

/// The envelope steps of one request, as they happen: which encryption applied, whether a bucket key was cached or
/// cost a KMS call, where the data key came from, how many bytes were sealed or opened and where they went.
///
/// The server binds one to each S3 request (``current``, a task-local value) for the console's request inspector;
/// the store, its key caches and the data key provider add ``EnvelopeEvent``s when one is bound and do nothing
/// otherwise. Events hold key ARNs, sizes and durations, never a key or a byte of an object, and become words only
/// when read (``recorded``).
public final class EnvelopeTrace: Sendable {
    /// One step, in words.
    public struct Step: Sendable, Hashable, Codable {
        /// A short kind: `authenticated`, `encryption`, `bucket-key`, `kms-call`, `data-key`, `sealed`, `stored`,
        /// `opened`.
        public var step: String
        /// What happened, in a sentence.
        public var detail: String
        /// How long the step took, for calls to the key service.
        public var durationMs: Double?
        /// A byte count, when the step moved bytes.
        public var bytes: Int64?

        init(_ step: String, _ detail: String, durationMs: Double? = nil, bytes: Int64? = nil) {
            (self.step, self.detail, self.durationMs, self.bytes) = (step, detail, durationMs, bytes)
        }
    }

    /// What the request was, as the S3 layer understood it.
    public struct Subject: Sendable, Hashable, Codable {
        /// The S3 operation, e.g. `PutObject`.
        public var operation: String
        public var bucket: String?
        public var key: String?
        /// The ARN of the principal who signed the request, or nil for an anonymous one.
        public var principal: String?

        /// Creates a subject.
        public init(operation: String, bucket: String?, key: String?, principal: String?) {
            (self.operation, self.bucket, self.key, self.principal) = (operation, bucket, key, principal)
        }
    }

    /// The trace of the request the current task serves, if the server records one.
    @TaskLocal public static var current: EnvelopeTrace?

    /// The most events one trace keeps (a multipart upload of many parts stops recording there).
    public static let maximumEvents = 64

    private let events = Mutex<[EnvelopeEvent]>([])
    private let subjectValue = Mutex<(@Sendable () -> Subject)?>(nil)

    /// Creates an empty trace.
    public init() {}

    /// Adds an event, unless the trace already holds ``maximumEvents``.
    public func record(_ event: EnvelopeEvent) {
        events.withLock { events in
            guard events.count < Self.maximumEvents else { return }
            if events.isEmpty { events.reserveCapacity(8) }
            events.append(event)
        }
    }

    /// Adds an event to the current request's trace, if there is one.
    public static func record(_ event: EnvelopeEvent) {
        current?.record(event)
    }

    /// Names the request once the S3 layer has routed and authenticated it; `subject` runs only when the trace is
    /// read.
    public func describe(_ subject: @escaping @Sendable () -> Subject) {
        subjectValue.withLock { $0 = subject }
    }

    /// The request, once described; nil for a request refused before routing or authentication.
    public var subject: Subject? { subjectValue.withLock { $0 }?() }

    /// The steps so far, in order, in words.
    public var recorded: [Step] { events.withLock { $0 }.flatMap(\.steps) }
}
