import NIOCore
import ObjectStore

/// The XML documents of the bucket operations.
enum BucketXML {
    /// ListBuckets: `<ListAllMyBucketsResult>`.
    static func listAllMyBuckets(_ buckets: [BucketInfo], owner: S3Owner) -> ByteBuffer {
        var xml = XMLWriter()
        xml.open("ListAllMyBucketsResult", namespaced: true)
        owner.write(to: &xml)
        xml.open("Buckets")
        for bucket in buckets {
            xml.open("Bucket")
            xml.element("Name", bucket.name)
            xml.element("CreationDate", ISO8601Timestamp.format(bucket.creationDate))
            xml.element("BucketRegion", bucket.region)
            xml.close("Bucket")
        }
        xml.close("Buckets")
        xml.close("ListAllMyBucketsResult")
        return xml.buffer
    }

    /// GetBucketLocation: `<LocationConstraint>`, empty for us-east-1 as AWS answers.
    static func locationConstraint(_ region: String) -> ByteBuffer {
        var xml = XMLWriter()
        if region == "us-east-1" {
            xml.empty("LocationConstraint", namespaced: true)
        } else {
            xml.open("LocationConstraint", namespaced: true)
            xml.characters(region)
            xml.close("LocationConstraint")
        }
        return xml.buffer
    }

    /// The `LocationConstraint` of an optional `<CreateBucketConfiguration>` body; nil when there is none.
    static func locationConstraint(createBucketConfiguration body: ByteBuffer) throws(S3Error) -> String? {
        guard body.readableBytes > 0 else { return nil }
        let root = try XMLNode.parse(body)
        guard root.name == "CreateBucketConfiguration" else { throw .malformedXML }
        return root.child("LocationConstraint").map(\.text)
    }

    /// GetBucketVersioning of a bucket that was never versioned: an empty configuration.
    static func versioningConfiguration() -> ByteBuffer {
        var xml = XMLWriter()
        xml.empty("VersioningConfiguration", namespaced: true)
        return xml.buffer
    }

    /// GetBucketAcl / GetObjectAcl: the owner's full control, plus everyone's read for `public-read` ACLs.
    static func accessControlPolicy(owner: S3Owner, cannedACL: String?) -> ByteBuffer {
        let xsi = #"xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance""#
        var xml = XMLWriter()
        xml.open("AccessControlPolicy", namespaced: true)
        owner.write(to: &xml)
        xml.open("AccessControlList")
        xml.open("Grant")
        xml.open("Grantee", attributes: #"\#(xsi) xsi:type="CanonicalUser""#)
        xml.element("ID", owner.id)
        xml.element("DisplayName", owner.displayName)
        xml.close("Grantee")
        xml.element("Permission", "FULL_CONTROL")
        xml.close("Grant")
        let everyone: [String] =
            switch cannedACL {
            case "public-read": ["READ"]
            case "public-read-write": ["READ", "WRITE"]
            default: []
            }
        for permission in everyone {
            xml.open("Grant")
            xml.open("Grantee", attributes: #"\#(xsi) xsi:type="Group""#)
            xml.element("URI", "http://acs.amazonaws.com/groups/global/AllUsers")
            xml.close("Grantee")
            xml.element("Permission", permission)
            xml.close("Grant")
        }
        xml.close("AccessControlList")
        xml.close("AccessControlPolicy")
        return xml.buffer
    }
}
