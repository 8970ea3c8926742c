import Crypto
import TextCodings

/// The owner S3 reports for buckets and objects: one canonical user per account.
struct S3Owner: Sendable {
    /// The 64-hex canonical user id, derived from the account id.
    let id: String
    /// The display name.
    let displayName: String

    /// The owner of everything in `accountId`.
    init(accountId: String) {
        self.id = Hex.encode(SHA256.hash(data: Array("coffer-canonical-user:\(accountId)".utf8)))
        self.displayName = "coffer-\(accountId)"
    }

    /// `<Owner><ID/><DisplayName/></Owner>`.
    func write(to xml: inout XMLWriter, element: String = "Owner") {
        xml.open(element)
        xml.element("ID", id)
        xml.element("DisplayName", displayName)
        xml.close(element)
    }
}
