import NIOCore
import ObjectStore

/// `<ServerSideEncryptionConfiguration>`: PutBucketEncryption's body and GetBucketEncryption's answer.
enum EncryptionXML {
    /// Parses a PutBucketEncryption body: exactly one `Rule`, with an optional default and bucket-key flag.
    /// - Throws: `MalformedXML` for a wrong shape, `InvalidArgument` for an unknown algorithm.
    static func parse(_ body: ByteBuffer) throws(S3Error) -> BucketEncryption {
        let root = try XMLNode.parse(body)
        let rules = root.children(named: "Rule")
        guard root.name == "ServerSideEncryptionConfiguration", rules.count == 1 else { throw .malformedXML }
        let rule = rules[0]
        let bucketKey = try rule.child("BucketKeyEnabled").map { node throws(S3Error) in try boolean(node.text) }
        guard let defaults = rule.child("ApplyServerSideEncryptionByDefault") else {
            return BucketEncryption(algorithm: .aes256, bucketKeyEnabled: bucketKey ?? false)
        }
        guard let name = defaults.child("SSEAlgorithm")?.text.trimmed else { throw .malformedXML }
        guard let algorithm = SSEAlgorithm(rawValue: name) else {
            if name == "aws:kms:dsse" { throw .notImplemented("aws:kms:dsse") }
            throw .invalidArgument("The SSE algorithm is not valid", name: "SSEAlgorithm", value: name)
        }
        let keyId = defaults.child("KMSMasterKeyID")?.text.trimmed
        return BucketEncryption(
            algorithm: algorithm, kmsMasterKeyId: keyId.flatMap { $0.isEmpty ? nil : $0 },
            bucketKeyEnabled: bucketKey ?? false)
    }

    /// The configuration as GetBucketEncryption returns it (the key id echoed as given).
    static func encode(_ encryption: BucketEncryption) -> ByteBuffer {
        var xml = XMLWriter()
        xml.open("ServerSideEncryptionConfiguration", namespaced: true)
        xml.open("Rule")
        xml.open("ApplyServerSideEncryptionByDefault")
        xml.element("SSEAlgorithm", encryption.algorithm.rawValue)
        xml.element("KMSMasterKeyID", ifPresent: encryption.kmsMasterKeyId)
        xml.close("ApplyServerSideEncryptionByDefault")
        xml.element("BucketKeyEnabled", encryption.bucketKeyEnabled)
        xml.close("Rule")
        xml.close("ServerSideEncryptionConfiguration")
        return xml.buffer
    }

    private static func boolean(_ text: String) throws(S3Error) -> Bool {
        switch text.trimmed {
        case "true": true
        case "false": false
        default: throw .malformedXML
        }
    }
}

extension String {
    /// Without leading and trailing whitespace (XML text around child elements).
    var trimmed: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return String(self[first...last])
    }
}
