import Foundation
public import Logging

/// The server's log handler: one line per event on standard error, `timestamp level label: key=value … message`.
///
/// Unlike swift-log's `StreamLogHandler`, which re-renders all metadata whenever one key changes, metadata is only
/// stored when set and rendered when a line is actually written. Every request sets its request id (and Hummingbird
/// its own id) on the logger, so that difference is paid on every request, while lines below the level are rare.
public struct CofferLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let label: String

    /// Creates a handler for `label`, with the process-wide metadata provider.
    public init(label: String) {
        self.label = label
        self.metadataProvider = LoggingSystem.metadataProvider
    }

    /// Makes it the process-wide handler; call once, at start-up, before any logger is created.
    public static func bootstrap() {
        LoggingSystem.bootstrap { label in CofferLogHandler(label: label) }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, provided in provided } }
        if let explicit = event.metadata { merged.merge(explicit) { _, explicit in explicit } }
        var line = "\(Date().formatted(.iso8601)) \(event.level) \(label):"
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) { line += " \(key)=\(value)" }
        line += " \(event.message)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}
