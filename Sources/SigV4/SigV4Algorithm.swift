import Crypto
import TextCodings

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
        var bytes: [UInt8] = []
        self.appendCanonicalRequest(
            to: &bytes, method: method, canonicalURI: canonicalURI, canonicalQuery: canonicalQuery,
            canonicalHeaders: Array(canonicalHeaders.utf8), signedHeaders: signedHeaders, payloadHash: payloadHash)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Task 1 as bytes, the form the verifier hashes: ``canonicalRequest(method:canonicalURI:canonicalQuery:canonicalHeaders:signedHeaders:payloadHash:)``
    /// appended to `bytes`, with the canonical headers already rendered by ``appendCanonicalHeaders(to:_:signedHeaders:)``.
    static func appendCanonicalRequest(
        to bytes: inout [UInt8],
        method: String,
        canonicalURI: String,
        canonicalQuery: String,
        canonicalHeaders: [UInt8],
        signedHeaders: [String],
        payloadHash: String
    ) {
        let newline = UInt8(ascii: "\n")
        bytes.reserveCapacity(
            bytes.count + method.utf8.count + canonicalURI.utf8.count + canonicalQuery.utf8.count
                + canonicalHeaders.count + signedHeaders.count * 24 + payloadHash.utf8.count + 6)
        bytes.append(contentsOf: method.utf8)
        bytes.append(newline)
        bytes.append(contentsOf: canonicalURI.utf8)
        bytes.append(newline)
        bytes.append(contentsOf: canonicalQuery.utf8)
        bytes.append(newline)
        bytes.append(contentsOf: canonicalHeaders)
        bytes.append(newline)
        for (index, name) in signedHeaders.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ";")) }
            bytes.append(contentsOf: name.utf8)
        }
        bytes.append(newline)
        bytes.append(contentsOf: payloadHash.utf8)
    }

    /// The canonical URI: the path decoded once, then encoded with AWS rules, `/` kept, no normalisation.
    ///
    /// S3 does not normalise (`//`, `.` and `..` stay); an empty path is `/`.
    static func canonicalURI(rawPath: String) -> String {
        if rawPath.isEmpty { return "/" }
        // Nothing to decode and nothing to encode (`/`, `/bucket/key.txt`): the path is its own canonical form.
        if rawPath.utf8.allSatisfy({ PercentEncoding.isUnreserved($0) || $0 == UInt8(ascii: "/") }) { return rawPath }
        return PercentEncoding.canonicalize(rawPath[...], keepSlash: true)
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
        return PercentEncoding.encode(normalized.utf8, keepSlash: true)
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
                    name: PercentEncoding.encode($0.name.utf8, keepSlash: false),
                    value: PercentEncoding.encode($0.value.utf8, keepSlash: false)
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
        var bytes: [UInt8] = []
        self.appendCanonicalHeaders(to: &bytes, headers, signedHeaders: signedHeaders)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// ``canonicalHeaders(_:signedHeaders:)`` appended to `bytes`.
    ///
    /// Looks each signed name up among the headers (a handful each way) instead of grouping all headers in a
    /// dictionary, and appends trimmed values without building intermediate strings.
    static func appendCanonicalHeaders(
        to bytes: inout [UInt8], _ headers: [(name: String, value: String)], signedHeaders: [String]
    ) {
        for name in signedHeaders {
            bytes.append(contentsOf: name.utf8)
            bytes.append(UInt8(ascii: ":"))
            var first = true
            for header in headers where ASCII.equalsIgnoringCase(header.name, name) {
                if !first { bytes.append(UInt8(ascii: ",")) }
                first = false
                self.appendTrimmingAll(header.value, to: &bytes)
            }
            bytes.append(UInt8(ascii: "\n"))
        }
    }

    /// Task 2: the string to sign.
    ///
    /// See https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html#create-string-to-sign
    static func stringToSign(amzDate: String, scope: String, canonicalRequest: String) -> String {
        String(
            decoding: self.stringToSign(amzDate: amzDate, scope: scope, canonicalRequest: Array(canonicalRequest.utf8)),
            as: UTF8.self)
    }

    /// Task 2 over the canonical request's bytes: `AWS4-HMAC-SHA256\n<amzDate>\n<scope>\n<hex SHA-256>`.
    static func stringToSign(amzDate: String, scope: String, canonicalRequest: [UInt8]) -> [UInt8] {
        let hash = canonicalRequest.withUnsafeBytes { SHA256.hash(data: $0) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(SigV4Verifier.algorithm.utf8.count + amzDate.utf8.count + scope.utf8.count + 67)
        bytes.append(contentsOf: SigV4Verifier.algorithm.utf8)
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: amzDate.utf8)
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: scope.utf8)
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: hash.hexString.utf8)
        return bytes
    }

    /// Trims a header value and collapses inner whitespace runs to one space (AWS `Trimall`).
    static func trimAll(_ value: String) -> String {
        var bytes: [UInt8] = []
        self.appendTrimmingAll(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// ``trimAll(_:)`` appended to `bytes`.
    static func appendTrimmingAll(_ value: String, to bytes: inout [UInt8]) {
        if !self.needsTrimming(value) {
            bytes.append(contentsOf: value.utf8)
            return
        }
        var pendingSpace = false
        var wroteAny = false
        for byte in value.utf8 {
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D:
                pendingSpace = wroteAny
            default:
                if pendingSpace { bytes.append(0x20) }
                pendingSpace = false
                wroteAny = true
                bytes.append(byte)
            }
        }
    }

    /// False when `value` is already trimmed: no whitespace at either end, and single spaces between words.
    private static func needsTrimming(_ value: String) -> Bool {
        var previousWasSpace = true  // so that leading whitespace counts
        for byte in value.utf8 {
            switch byte {
            case 0x20:
                if previousWasSpace { return true }
                previousWasSpace = true
            case 0x09, 0x0A, 0x0B, 0x0C, 0x0D:
                return true
            default:
                previousWasSpace = false
            }
        }
        return previousWasSpace && !value.isEmpty
    }
}
