/// Where an ``ObjectStore`` keeps its metadata, chosen by the composition root.
///
/// ``sqlite`` is one node's SQLite file under `<data>/meta` (the default). A shared database makes its own value:
/// `PostgresObjectMetadata.backend` (target `PostgresObjectMetadata`) puts the metadata in PostgreSQL, where several
/// nodes see the same buckets and objects.
public struct ObjectMetadataBackend: Sendable {
    /// The store to use, or nil for the SQLite file the store opens itself.
    let store: (any ObjectMetadataStore)?

    /// The metadata in SQLite at `<data>/meta/meta.sqlite`, opened (and closed) by the store.
    public static let sqlite = ObjectMetadataBackend(store: nil)

    /// The metadata in `store`, which its owner opened and keeps open while the object store runs.
    package static func shared(_ store: any ObjectMetadataStore) -> ObjectMetadataBackend {
        ObjectMetadataBackend(store: store)
    }
}
