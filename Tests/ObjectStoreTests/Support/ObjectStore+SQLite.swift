import Testing

@testable import ObjectStore

extension ObjectStore {
    /// The SQLite metadata under the store, for tests that read or write its file directly.
    var database: MetadataDatabase {
        get throws { try #require(metadata as? MetadataDatabase) }
    }
}
