import HTTPSupport
import ObjectStore

extension S3Controller {
    /// Names an authenticated request in its envelope trace, when the server records one (the console's request
    /// inspector): the operation, its bucket and key, and who signed it; before authorization, so a refused request
    /// shows who was refused.
    static func trace(_ operation: S3Operation, _ identity: S3Identity) {
        guard let trace = EnvelopeTrace.current else { return }
        let path = iamAction(of: operation).map { $0.resource.dropFirst("arn:aws:s3:::".count) } ?? ""
        let parts = path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let bucket = parts.first.map(String.init).flatMap { $0.isEmpty || $0 == "*" ? nil : $0 }
        let key = parts.count > 1 && parts[1] != "*" ? String(parts[1]) : nil
        trace.describe(
            .init(operation: operation.name, bucket: bucket, key: key, principal: identity.principal?.arn))
        switch identity {
        case .anonymous: trace.record("authenticated", "anonymous: no signature")
        case .sigV2(let principal): trace.record("authenticated", "Signature Version 2 by \(principal.arn)")
        case .sigV4(let principal, _): trace.record("authenticated", "SigV4 by \(principal.arn)")
        }
    }
}
