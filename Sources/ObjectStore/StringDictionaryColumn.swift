import Foundation
import GRDB

/// The `[String: String]` columns (`user_metadata`, `encryption_context`, `user_encryption_context`): JSON text.
///
/// The text is exactly what GRDB's Codable bridge stored for these columns before the row types had
/// hand-written codecs (`EncodableRecord.databaseJSONEncoder(for:)`: a `JSONEncoder` with `.sortedKeys`, whose
/// output is stored as TEXT), so old and new rows hold the same bytes for the same dictionary;
/// `StringDictionaryJSON` writes and reads it without Foundation's coders. Reading accepts what GRDB accepted:
/// TEXT or BLOB holding a JSON object, decoded by `JSONDecoder` when it is not one that `StringDictionaryJSON`
/// reads.
enum StringDictionaryColumn {
    private static let decoder = JSONDecoder()

    /// The stored text of `dictionary`.
    static func text(_ dictionary: [String: String]) -> String {
        if dictionary.isEmpty { return "{}" }
        return String(decoding: StringDictionaryJSON.encode(dictionary), as: UTF8.self)
    }

    /// The dictionary stored in `bytes`; nil for NULL.
    static func dictionary(_ bytes: Data?) throws -> [String: String]? {
        guard let bytes else { return nil }
        if let dictionary = bytes.withUnsafeBytes(StringDictionaryJSON.decode) { return dictionary }
        return try decoder.decode([String: String].self, from: bytes)
    }
}
