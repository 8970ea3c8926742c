/// The `<AKID>/<yyyymmdd>/<region>/<service>/aws4_request` credential of a SigV4 request.
///
/// See https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html#create-string-to-sign
struct CredentialScope: Sendable, Equatable {
    let accessKeyId: String
    /// `yyyymmdd`.
    let date: String
    let region: String
    let service: String

    /// The scope without the access key id, as it appears in the string to sign.
    var scope: String { "\(self.date)/\(self.region)/\(self.service)/aws4_request" }

    /// Parses `AKID/yyyymmdd/region/service/aws4_request`.
    ///
    /// Splits from the right, so an access key id containing `/` would still parse.
    init(parsing credential: String) throws(SigV4Error) {
        let parts = credential.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 5, parts[parts.count - 1] == "aws4_request" else {
            throw Self.malformedError(credential)
        }
        let accessKeyId = parts[..<(parts.count - 4)].joined(separator: "/")
        let date = parts[parts.count - 4]
        let region = parts[parts.count - 3]
        let service = parts[parts.count - 2]
        guard !accessKeyId.isEmpty, date.utf8.count == 8, date.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            !region.isEmpty, !service.isEmpty
        else {
            throw Self.malformedError(credential)
        }
        self.accessKeyId = accessKeyId
        self.date = String(date)
        self.region = String(region)
        self.service = String(service)
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
