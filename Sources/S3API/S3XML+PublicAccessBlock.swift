import NIOCore
import ObjectStore

/// `<PublicAccessBlockConfiguration>`: PutPublicAccessBlock's body and GetPublicAccessBlock's answer; and
/// `<PolicyStatus>`, GetBucketPolicyStatus' answer.
enum PublicAccessBlockXML {
    /// The four settings, in the order AWS writes them.
    private static let names = ["BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets"]

    /// Parses a PutPublicAccessBlock body; a missing setting is false, as on AWS.
    /// - Throws: `MalformedXML` for another root element or a value other than `true`/`false`.
    static func parse(_ body: ByteBuffer) throws(S3Error) -> PublicAccessBlock {
        let root = try XMLNode.parse(body)
        guard root.name == "PublicAccessBlockConfiguration" else { throw .malformedXML }
        var flags: [Bool] = []
        for name in names {
            switch root.child(name)?.text.trimmed {
            case nil, "false": flags.append(false)
            case "true": flags.append(true)
            default: throw .malformedXML
            }
        }
        return PublicAccessBlock(
            blockPublicAcls: flags[0], ignorePublicAcls: flags[1], blockPublicPolicy: flags[2],
            restrictPublicBuckets: flags[3])
    }

    /// The settings as GetPublicAccessBlock returns them.
    static func encode(_ block: PublicAccessBlock) -> ByteBuffer {
        var xml = XMLWriter()
        xml.open("PublicAccessBlockConfiguration", namespaced: true)
        let flags = [
            block.blockPublicAcls, block.ignorePublicAcls, block.blockPublicPolicy, block.restrictPublicBuckets,
        ]
        for (name, flag) in zip(names, flags) { xml.element(name, flag) }
        xml.close("PublicAccessBlockConfiguration")
        return xml.buffer
    }

    /// GetBucketPolicyStatus' `<PolicyStatus><IsPublic>…</IsPublic></PolicyStatus>`.
    static func policyStatus(isPublic: Bool) -> ByteBuffer {
        var xml = XMLWriter()
        xml.open("PolicyStatus", namespaced: true)
        xml.element("IsPublic", isPublic)
        xml.close("PolicyStatus")
        return xml.buffer
    }
}
