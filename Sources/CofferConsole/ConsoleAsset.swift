import Crypto
import Foundation
import TextCodings

/// One file of the console: its name, media type, bytes and version (a digest of the bytes).
struct ConsoleAsset: Sendable {
    /// The file name, e.g. `app.js`; served at `/_coffer/console/assets/<name>`.
    let name: String
    /// The `Content-Type` it is served with.
    let contentType: String
    /// The file's bytes.
    let bytes: [UInt8]
    /// The first 16 hex digits of the bytes' SHA-256: the `?v=` of the asset's URL and its ETag.
    let version: String

    init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
        self.contentType = Self.contentType(of: name)
        self.version = Hex.encode(SHA256.hash(data: bytes).prefix(8))
    }

    /// The media type of a console file by its extension; the catalog holds only these kinds.
    static func contentType(of name: String) -> String {
        switch (name as NSString).pathExtension {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        default: "application/octet-stream"
        }
    }

    /// The extensions a console file may have.
    static let kinds: Set<String> = ["html", "css", "js", "svg"]
}
