import NIOCore

/// DeleteObjects: the `<Delete>` request and the `<DeleteResult>` answer.
enum DeleteXML {
    /// The most keys one request may name.
    static let maxKeys = 1000

    /// A parsed `<Delete>` body.
    struct Request: Sendable, Equatable {
        /// The keys, in request order.
        var keys: [String]
        /// `<Quiet>true</Quiet>`: report only failures.
        var quiet: Bool
        /// Keys that named a version other than `null` (an unversioned bucket has no other).
        var badVersions: Set<String>
    }

    /// Parses a `<Delete>` body: 1 to 1,000 `<Object><Key>` entries.
    static func parse(_ body: ByteBuffer) throws(S3Error) -> Request {
        let root = try XMLNode.parse(body)
        let objects = root.children(named: "Object")
        guard root.name == "Delete", (1...maxKeys).contains(objects.count) else { throw .malformedXML }
        var keys: [String] = []
        var badVersions: Set<String> = []
        for object in objects {
            guard let key = object.child("Key")?.text, !key.isEmpty else { throw .malformedXML }
            keys.append(key)
            if let version = object.child("VersionId")?.text.trimmed, version != "null" { badVersions.insert(key) }
        }
        let quiet = root.child("Quiet")?.text.trimmed.lowercased() == "true"
        return Request(keys: keys, quiet: quiet, badVersions: badVersions)
    }

    /// `<DeleteResult>`: a `<Deleted>` per key (unless quiet) and an `<Error>` per refused key.
    static func result(_ request: Request) -> ByteBuffer {
        var xml = XMLWriter()
        xml.open("DeleteResult", namespaced: true)
        for key in request.keys {
            if request.badVersions.contains(key) {
                xml.open("Error")
                xml.element("Key", key)
                xml.element("Code", "NoSuchVersion")
                xml.element("Message", "The specified version does not exist.")
                xml.close("Error")
            } else if !request.quiet {
                xml.open("Deleted")
                xml.element("Key", key)
                xml.close("Deleted")
            }
        }
        xml.close("DeleteResult")
        return xml.buffer
    }
}
