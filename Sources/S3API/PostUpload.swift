import Foundation
import HTTPTypes
import TextCodings

/// What a browser POST upload's form asks for: the key, the headers a PutObject would carry, and the answer.
///
/// The form's object fields become the PutObject headers they name (`acl` becomes `x-amz-acl`), so the object is
/// decoded and stored exactly as a PUT with those headers would be.
struct PostUpload: Sendable {
    /// How the upload is answered.
    enum Answer: Sendable, Equatable {
        /// `success_action_redirect` (or `redirect`): 303 See Other to it, with the bucket, key and ETag appended.
        case redirect(String)
        /// `success_action_status`: 200 (empty), 201 (`PostResponse`) or, by default, 204.
        case status(HTTPResponse.Status)
    }

    /// The object's key, `${filename}` replaced by the file's name.
    let key: String
    /// The fields as PutObject headers.
    let headers: HTTPFields
    let answer: Answer

    /// The fields copied as the headers of the same name.
    static let headerFields: Set<String> = [
        "cache-control", "content-disposition", "content-encoding", "content-language", "content-type", "expires",
    ]

    /// Reads the upload's key, headers and answer from the form.
    /// - Throws: `InvalidArgument` without a `key` or for a field that cannot be a header, `NotImplemented` for
    ///   `tagging`.
    init(form: PostForm) throws(S3Error) {
        guard let key = form["key"] else { throw S3Error.postFieldMissing("key") }
        self.key = key.replacingOccurrences(of: "${filename}", with: form.fileName ?? "")
        var headers = HTTPFields()
        for (name, value) in form.fields {
            guard let header = try Self.header(for: name) else { continue }
            headers.append(HTTPField(name: header, value: value))
        }
        self.headers = headers
        self.answer = Self.answer(form)
    }

    /// The header a field maps to, nil for fields that are not object headers.
    private static func header(for field: String) throws(S3Error) -> HTTPField.Name? {
        if field == "tagging" { throw S3Error.notImplemented("tagging") }
        if field == "acl" { return .amzACL }
        guard
            headerFields.contains(field) || field.hasPrefix("x-amz-meta-")
                || field.hasPrefix("x-amz-server-side-encryption")
        else { return nil }
        guard let name = HTTPField.Name(field) else { throw S3Error.invalidArgument("Invalid field name", name: field) }
        return name
    }

    private static func answer(_ form: PostForm) -> Answer {
        if let target = form["success_action_redirect"] ?? form["redirect"], let url = URL(string: target),
            ["http", "https"].contains(url.scheme?.lowercased() ?? "")
        {
            return .redirect(target)
        }
        switch form["success_action_status"] {
        case "200": return .status(.ok)
        case "201": return .status(.created)
        default: return .status(.noContent)
        }
    }

    /// The redirect target with `bucket`, `key` and `etag` appended to its query, as AWS appends them.
    static func redirectLocation(_ target: String, bucket: String, key: String, etag: String) -> String {
        let separator = target.contains("?") ? "&" : "?"
        let query = [("bucket", bucket), ("key", key), ("etag", etag)].map {
            "\($0.0)=\(PercentEncoding.encode($0.1.utf8, keepSlash: false))"
        }
        return target + separator + query.joined(separator: "&")
    }
}
