import HTTPSupport
import ObjectStore

extension S3Controller {
    /// Names an authenticated request in its envelope trace, when the server records one (the console's request
    /// inspector): the operation, its bucket and key, and who signed it; before authorization, so a refused request
    /// shows who was refused.
    static func trace(_ operation: S3Operation, _ identity: S3Identity) {
        guard let trace = EnvelopeTrace.current else { return }
        let principal = identity.principal?.arn
        trace.describe {
            let path = iamAction(of: operation).map { $0.resource.dropFirst("arn:aws:s3:::".count) } ?? ""
            let parts = path.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            let bucket = parts.first.map(String.init).flatMap { $0.isEmpty || $0 == "*" ? nil : $0 }
            let key = parts.count > 1 && parts[1] != "*" ? String(parts[1]) : nil
            return .init(operation: operation.name, bucket: bucket, key: key, principal: principal)
        }
        switch identity {
        case .anonymous: trace.record(.authenticated(.anonymous, principal: nil))
        case .sigV2: trace.record(.authenticated(.sigV2, principal: principal))
        case .sigV4: trace.record(.authenticated(.sigV4, principal: principal))
        }
    }
}
