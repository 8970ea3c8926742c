import Foundation
import KMS

/// The on-disk layout under the data folder.
struct DataDirectory {
    /// The data folder, absolute.
    let root: URL

    init(path: String) {
        self.root = URL(fileURLWithPath: path, isDirectory: true).standardizedFileURL
    }

    /// `<data>/kms/`: the key database and the root key file.
    var kms: URL { root.appendingPathComponent("kms", isDirectory: true) }
    /// `<data>/kms/kms.sqlite`.
    var kmsDatabase: URL { kms.appendingPathComponent("kms.sqlite") }
    /// `<data>/kms/root.key`.
    var rootKeyFile: URL { kms.appendingPathComponent("root.key") }

    /// Creates the data folder if missing, locks it (``DataFolderLock``), then creates `kms/`, `meta/` and (with
    /// `audit`) `audit/`, readable by the owner only (0700). Nothing else in the folder is touched before the lock is
    /// held.
    ///
    /// Every folder it creates, the data folder's missing ancestors included, is fsynced into its parent, so the
    /// files created in them later (root key, databases, audit days) are reachable after a power cut.
    /// - Throws: ``DataFolderLock/Held`` when another server holds the folder.
    func prepare(audit: Bool) throws -> DataFolderLock {
        try SecureFile.createDirectory(atPath: root.path)
        let lock = try DataFolderLock.acquire(folder: root)
        let folders = ["kms", "meta"] + (audit ? ["audit"] : [])
        for folder in folders { try SecureFile.createDirectory(atPath: root.appendingPathComponent(folder).path) }
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: kms.path)
        return lock
    }
}
