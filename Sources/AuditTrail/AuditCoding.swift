import Foundation

/// The JSON decoding of audit lines, shared by the reader and tests.
///
/// Lines are written by `AuditLineEncoder` (sorted keys, unescaped slashes, ISO 8601 UTC dates in whole
/// seconds), which matches `JSONEncoder`; `AuditEvent`'s `Codable` conformance reads them back.
enum AuditCoding {
    /// A new decoder for audit lines; JSONDecoder is not Sendable, so each user keeps its own.
    static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
