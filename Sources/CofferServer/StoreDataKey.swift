import ObjectStore

/// The object store's data key type, named apart from the key service's `GeneratedDataKey` (both modules have one).
typealias StoreDataKey = GeneratedDataKey
