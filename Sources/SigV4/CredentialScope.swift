/// The `<AKID>/<yyyymmdd>/<region>/<service>/aws4_request` credential of a SigV4 request.
///
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html#create-string-to-sign
struct CredentialScope: Sendable, Equatable {
    let accessKeyId: String
    /// `yyyymmdd`.
    let date: String
    let region: String
    let service: String

    /// The scope without the access key id, as it appears in the string to sign:
    /// `yyyymmdd/region/service/aws4_request`.
    let scope: String

    /// Parses `AKID/yyyymmdd/region/service/aws4_request`.
    ///
    /// Splits from the right, so an access key id containing `/` would still parse. Works on the UTF-8 bytes
    /// (see ``ASCII``): `/` never occurs inside a multi-byte character.
    init(parsing credential: String) throws(SigV4Error) {
        let utf8 = credential.utf8
        let slash = UInt8(ascii: "/")
        // The last four slashes, right to left: before the terminator, the service, the region and the date.
        guard let beforeTerminator = utf8.lastIndex(of: slash),
            let beforeService = utf8[..<beforeTerminator].lastIndex(of: slash),
            let beforeRegion = utf8[..<beforeService].lastIndex(of: slash),
            let beforeDate = utf8[..<beforeRegion].lastIndex(of: slash),
            credential[utf8.index(after: beforeTerminator)...] == "aws4_request"
        else {
            throw Self.malformedError(credential)
        }
        let accessKeyId = credential[..<beforeDate]
        let date = credential[utf8.index(after: beforeDate)..<beforeRegion]
        let region = credential[utf8.index(after: beforeRegion)..<beforeService]
        let service = credential[utf8.index(after: beforeService)..<beforeTerminator]
        guard !accessKeyId.isEmpty, date.utf8.count == 8, date.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            !region.isEmpty, !service.isEmpty
        else {
            throw Self.malformedError(credential)
        }
        self.accessKeyId = String(accessKeyId)
        self.date = String(date)
        self.region = String(region)
        self.service = String(service)
        self.scope = String(credential[utf8.index(after: beforeDate)...])
    }

    private static func malformedError(_ credential: String) -> SigV4Error {
        var error = SigV4Error.malformed(
            "Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; "
                + "expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\"."
        )
        if let akid = credential.split(separator: "/").first { error.accessKeyId = String(akid) }
        return error
    }
}
