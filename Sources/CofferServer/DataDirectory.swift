import Foundation

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

    /// Creates the data folder if missing, and `kms/` readable by the owner only (0700).
    func prepare() throws {
        let files = FileManager.default
        try files.createDirectory(at: root, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try files.createDirectory(at: kms, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try files.setAttributes([.posixPermissions: 0o700], ofItemAtPath: kms.path)
    }
}
