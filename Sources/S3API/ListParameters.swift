import ObjectStore
import TextCodings

/// The query of ListObjects (v1), ListObjectsV2 and ListObjectVersions, decoded for the store.
struct ListParameters: Sendable {
    /// Which listing the request is.
    enum Version: Sendable {
        case v1, v2, versions
    }

    let version: Version
    let request: ListObjectsRequest
    /// `encoding-type=url`: keys and prefixes in the answer are URL-encoded.
    let encodeURL: Bool
    /// v2 `fetch-owner=true` (v1 and versions always list owners).
    let fetchOwner: Bool

    /// Decodes the query.
    /// - Throws: `InvalidArgument` for a bad `max-keys` or `encoding-type`.
    init(query: S3Query, version: Version) throws(S3Error) {
        self.version = version
        var maxKeys = 1000
        if let value = query["max-keys"] {
            guard let parsed = Int(value), parsed >= 0 else {
                throw .invalidArgument(
                    "Provided max-keys not an integer or within integer range", name: "max-keys", value: value)
            }
            maxKeys = parsed
        }
        if let encoding = query["encoding-type"] {
            guard encoding == "url" else {
                throw .invalidArgument(
                    "Invalid Encoding Method specified in Request", name: "encoding-type", value: encoding)
            }
        }
        self.encodeURL = query["encoding-type"] == "url"
        self.fetchOwner = version != .v2 || query["fetch-owner"] == "true"
        let delimiter = query["delimiter"].flatMap { $0.isEmpty ? nil : $0 }
        self.request =
            switch version {
            case .v1:
                ListObjectsRequest(
                    prefix: query["prefix"] ?? "", delimiter: delimiter, maxKeys: maxKeys, marker: query["marker"])
            case .v2:
                ListObjectsRequest(
                    prefix: query["prefix"] ?? "", delimiter: delimiter, maxKeys: maxKeys,
                    startAfter: query["start-after"], continuationToken: query["continuation-token"])
            case .versions:
                ListObjectsRequest(
                    prefix: query["prefix"] ?? "", delimiter: delimiter, maxKeys: maxKeys, marker: query["key-marker"])
            }
    }

    /// A key or prefix as the answer shows it.
    func encode(_ value: String) -> String {
        encodeURL ? PercentEncoding.encode(value.utf8, keepSlash: true) : value
    }
}
