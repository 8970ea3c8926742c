import Foundation

/// An alias and the key it names.
struct AliasRecord: Sendable, Equatable {
    /// `alias/<name>`.
    let name: String
    var targetKeyID: UUID
    let creationDate: Date
    var lastUpdatedDate: Date
}

/// The whole state of the key service at one instant, held as an immutable value.
///
/// The service keeps the current store behind a `Mutex` and swaps it after each committed write; readers
/// copy it out (two reference-counted dictionaries) and work on the copy without any lock.
struct KeyStore: Sendable {
    var keys: [UUID: KMSKey] = [:]
    /// By alias name (`alias/<name>`).
    var aliases: [String: AliasRecord] = [:]

    /// The aliases that name `keyID`, sorted by name.
    func aliases(of keyID: UUID) -> [AliasRecord] {
        aliases.values.filter { $0.targetKeyID == keyID }.sorted { $0.name < $1.name }
    }
}
