import Crypto
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Loads the SSE-S3 store key: the key that wraps every SSE-S3 object's data key (the "AWS owned key").
///
/// At rest it lives in `<data>/meta/store.key`, sealed under the root key: one version byte (1), then the
/// AES-256-GCM combined box (nonce, 32 ciphertext bytes, tag) with `coffer.store-key.v1` as additional data. It is
/// created on first start (mode 0600, fsynced) and never appears in the KMS's ListKeys.
enum StoreKeyLoader {
    /// Why the store key could not be loaded; never contains key bytes.
    struct LoadError: Error, CustomStringConvertible {
        let description: String
    }

    private static let version: UInt8 = 1
    private static let associatedData = Array("coffer.store-key.v1".utf8)

    /// Returns the store key from `file`, creating it (and its parent directory, 0700) on first start.
    static func load(file: String, rootKey: SymmetricKey) throws -> SymmetricKey {
        if let sealed = FileManager.default.contents(atPath: file) {
            return try open(Array(sealed), rootKey: rootKey, source: file)
        }
        let sealed = try sealNew(rootKey: rootKey)
        try create(file, contents: sealed)
        return try open(sealed, rootKey: rootKey, source: file)
    }

    /// A new random store key, sealed under `rootKey` in the file's format (for a store key shared in PostgreSQL).
    static func sealNew(rootKey: SymmetricKey) throws -> [UInt8] {
        let key = SymmetricKey(size: .bits256)
        let box = try key.withUnsafeBytes { try AES.GCM.seal($0, using: rootKey, authenticating: associatedData) }
        return [version] + Array(box.combined!)
    }

    /// Opens a sealed store key read from `source` (a file, or the PostgreSQL database the nodes share).
    static func open(_ sealed: [UInt8], rootKey: SymmetricKey, source: String) throws -> SymmetricKey {
        guard sealed.first == version, sealed.count == 1 + 12 + 32 + 16 else {
            throw LoadError(description: "the store key in \(source) is not a sealed store key")
        }
        do {
            let box = try AES.GCM.SealedBox(combined: sealed.dropFirst())
            return SymmetricKey(data: try AES.GCM.open(box, using: rootKey, authenticating: associatedData))
        } catch {
            throw LoadError(description: "the store key in \(source) does not open under the root key")
        }
    }

    /// Writes a new owner-only file, never briefly wider, and makes it durable.
    private static func create(_ file: String, contents: [UInt8]) throws {
        let directory = (file as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let descriptor = Glibc.open(file, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw LoadError(description: "cannot create \(file) (errno \(errno))") }
        defer { close(descriptor) }
        let written = contents.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == contents.count, fsync(descriptor) == 0 else {
            throw LoadError(description: "cannot write \(file) (errno \(errno))")
        }
        let directoryDescriptor = Glibc.open(directory, O_RDONLY | O_DIRECTORY)
        if directoryDescriptor >= 0 {
            _ = fsync(directoryDescriptor)
            close(directoryDescriptor)
        }
    }
}
