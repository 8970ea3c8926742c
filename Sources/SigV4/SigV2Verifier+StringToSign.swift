import Crypto

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

extension SigV2Verifier {
    /// The sub-resources that are part of the signed resource (botocore `HmacV1Auth.QSAOfInterest`). A server must
    /// not act on any other query parameter of a SigV2 request as if it were signed.
    public static let subresources: Set<String> = [
        "accelerate", "acl", "analytics", "cors", "defaultObjectAcl", "delete", "inventory", "lifecycle", "location",
        "logging", "metrics", "notification", "object-lock", "partNumber", "policy", "replication", "requestPayment",
        "response-cache-control", "response-content-disposition", "response-content-encoding",
        "response-content-language", "response-content-type", "response-expires", "restore", "select", "select-type",
        "storageClass", "tagging", "torrent", "uploadId", "uploads", "versionId", "versioning", "versions", "website",
    ]

    /// Rebuilds the string to sign and compares signatures in constant time; returns the verified string to sign.
    ///
    /// The resource uses the path as received; if that does not match, the AWS-encoded form of the path is tried.
    func checkSignature(
        _ request: SigV4Request,
        query: [QueryParameter],
        claim: Claim,
        secret: String,
        virtualHostBucket: String?
    ) throws(SigV4Error) -> String {
        let prefix = virtualHostBucket.map { "/\($0)" } ?? ""
        var paths = [prefix + request.path]
        let canonicalPath = prefix + SigV4Algorithm.canonicalURI(rawPath: request.path)
        if canonicalPath != paths[0] { paths.append(canonicalPath) }
        var firstStringToSign: String?
        for path in paths {
            let stringToSign = Self.stringToSign(request, query: query, claim: claim, path: path)
            let signature = Self.signature(stringToSign, secret: secret)
            if constantTimeEquals(signature, claim.signature) { return stringToSign }
            if firstStringToSign == nil { firstStringToSign = stringToSign }
        }
        throw .signatureMismatch(stringToSign: firstStringToSign, canonicalRequest: nil)
    }

    /// `base64(HMAC-SHA1(secret, stringToSign))`.
    static func signature(_ stringToSign: String, secret: String) -> String {
        let key = SymmetricKey(data: Array(secret.utf8))
        return Data(HMAC<Insecure.SHA1>.authenticationCode(for: Array(stringToSign.utf8), using: key))
            .base64EncodedString()
    }

    /// `VERB\nContent-MD5\nContent-Type\nDate-or-Expires\n` + canonical `x-amz-*` headers + resource.
    static func stringToSign(_ request: SigV4Request, query: [QueryParameter], claim: Claim, path: String) -> String {
        var headers = request.headers
        if claim.expires != nil {
            // Presigned: headers the signer moved into the query count as headers unless also sent as headers.
            let sent = Set(headers.map { $0.name.lowercased() })
            for parameter in query {
                let name = parameter.name.lowercased()
                if (name.hasPrefix("x-amz-") || name == "content-type" || name == "content-md5") && !sent.contains(name)
                {
                    headers.append((name, parameter.value))
                }
            }
        }
        let request = SigV4Request(method: request.method, path: request.path, query: "", headers: headers)
        func header(_ name: String) -> String {
            request.headerValue(named: name)?.trimmingASCIISpaces().description ?? ""
        }
        return "\(request.method)\n\(header("content-md5"))\n\(header("content-type"))\n\(claim.dateLine)\n"
            + Self.canonicalAmzHeaders(headers) + Self.canonicalResource(path: path, query: query)
    }

    /// `name:value\n` for every `x-amz-*` header, lower-case names sorted, repeats joined with `,`.
    static func canonicalAmzHeaders(_ headers: [(name: String, value: String)]) -> String {
        var grouped: [String: [String]] = [:]
        for header in headers where header.name.lowercased().hasPrefix("x-amz-") {
            grouped[header.name.lowercased(), default: []].append(String(header.value.trimmingASCIISpaces()))
        }
        return grouped.keys.sorted().map { "\($0):\(grouped[$0]!.joined(separator: ","))\n" }.joined()
    }

    /// The path plus the signed sub-resources, sorted by name, values decoded.
    static func canonicalResource(path: String, query: [QueryParameter]) -> String {
        let signed = query.filter { Self.subresources.contains($0.name) }
            .sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
            .map { $0.hasValue ? "\($0.name)=\($0.value)" : $0.name }
        return signed.isEmpty ? path : path + "?" + signed.joined(separator: "&")
    }
}
