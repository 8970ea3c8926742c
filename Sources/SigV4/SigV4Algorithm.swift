import Crypto

/// The steps of the SigV4 algorithm as pure functions, named after the AWS documentation.
///
/// Hand-written: server-side verification is not offered by any package on the mirror (soto's signer only
/// signs). Tested against botocore vectors and the AWS documentation examples.
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
enum SigV4Algorithm {
    /// Task 1: the canonical request.
    ///
    /// `METHOD\nCanonicalURI\nCanonicalQuery\nCanonicalHeaders\n\nSignedHeaders\nPayloadHash`, where the
    /// canonical headers already end with a newline per header.
    /// See https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html#create-canonical-request
    static func canonicalRequest(
        method: String,
        canonicalURI: String,
        canonicalQuery: String,
        canonicalHeaders: String,
        signedHeaders: [String],
        payloadHash: String
    ) -> String {
        [method, canonicalURI, canonicalQuery, canonicalHeaders, signedHeaders.joined(separator: ";"), payloadHash]
            .joined(separator: "\n")
    }

    /// The canonical URI: the path decoded once, then encoded with AWS rules, `/` kept, no normalisation.
    ///
    /// S3 does not normalise (`//`, `.` and `..` stay); an empty path is `/`.
    static func canonicalURI(rawPath: String) -> String {
        rawPath.isEmpty ? "/" : URIEncoding.canonicalize(rawPath[...], keepSlash: true)
    }

    /// The canonical URI of services other than S3: the path as received, normalised, then encoded again.
    ///
    /// botocore's `SigV4Auth` (and soto) encode the already encoded path a second time for non-S3 services.
    static func doubleEncodedURI(rawPath: String) -> String {
        var segments: [Substring] = []
        for segment in rawPath.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(segment)
            }
        }
        let trailing = rawPath.hasSuffix("/") && !segments.isEmpty ? "/" : ""
        let normalized = "/" + segments.joined(separator: "/") + trailing
        return URIEncoding.encode(normalized.utf8, keepSlash: true)
    }

    /// The canonical query string: names and values decoded once then AWS-encoded, sorted by name then value.
    ///
    /// `+` is taken as a literal plus (clients encode spaces as `%20`); a parameter without `=` becomes `name=`.
    /// - Parameter excluding: a parameter name to leave out (`X-Amz-Signature` for presigned URLs).
    static func canonicalQuery(_ parameters: [QueryParameter], excluding: String? = nil) -> String {
        parameters
            .filter { $0.name != excluding }
            .map {
                (
                    name: URIEncoding.encode($0.name.utf8, keepSlash: false),
                    value: URIEncoding.encode($0.value.utf8, keepSlash: false)
                )
            }
            .sorted { lhs, rhs in
                lhs.name == rhs.name
                    ? lhs.value.utf8.lexicographicallyPrecedes(rhs.value.utf8)
                    : lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8)
            }
            .map { "\($0.name)=\($0.value)" }
            .joined(separator: "&")
    }

    /// The canonical headers: `name:value\n` for each signed header, in the signed-header order.
    ///
    /// Values are trimmed and inner runs of whitespace collapse to one space; repeated headers are joined
    /// with `,`. A signed header absent from the request contributes an empty value (and fails the signature).
    static func canonicalHeaders(_ headers: [(name: String, value: String)], signedHeaders: [String]) -> String {
        var grouped: [String: [String]] = [:]
        for header in headers {
            grouped[header.name.lowercased(), default: []].append(Self.trimAll(header.value))
        }
        var out = ""
        for name in signedHeaders {
            out += name + ":" + (grouped[name] ?? []).joined(separator: ",") + "\n"
        }
        return out
    }

    /// Task 2: the string to sign.
    ///
    /// See https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html#create-string-to-sign
    static func stringToSign(amzDate: String, scope: String, canonicalRequest: String) -> String {
        "AWS4-HMAC-SHA256\n\(amzDate)\n\(scope)\n" + SHA256.hash(data: Array(canonicalRequest.utf8)).hexString
    }

    /// Trims a header value and collapses inner whitespace runs to one space (AWS `Trimall`).
    static func trimAll(_ value: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(value.utf8.count)
        var pendingSpace = false
        for byte in value.utf8 {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D:
                pendingSpace = !out.isEmpty
            default:
                if pendingSpace { out.append(0x20) }
                pendingSpace = false
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
