import Foundation

extension PostPolicy {
    /// Fields no condition needs to cover (AWS's list; `x-ignore-*` too).
    static let exemptFields: Set<String> = ["x-amz-signature", "file", "policy", "awsaccesskeyid", "signature"]

    /// Checks the form against the policy, as S3 does before reading the file.
    ///
    /// The expiration first, then each condition (a field the form lacks matches only `starts-with ""`), then
    /// that every field of the form is named by some condition.
    /// - Parameters:
    ///   - form: the fields before the file.
    ///   - bucket: the bucket of the request (the `bucket` condition).
    /// - Throws: `AccessDenied` with `Invalid according to Policy: …`.
    func check(_ form: PostForm, bucket: String, now: Date) throws(S3Error) {
        guard now < expiration else { throw S3Error.policyViolation("Policy expired.") }
        for condition in conditions {
            guard let field = condition.field else { continue }
            let value = field == "bucket" ? bucket : form[field]
            guard Self.holds(condition, value) else {
                throw S3Error.policyViolation("Policy Condition failed: \(condition.quoted)")
            }
        }
        let covered = Set(conditions.compactMap(\.field))
        let extra = form.names.filter {
            !covered.contains($0) && !Self.exemptFields.contains($0) && !$0.hasPrefix("x-ignore-")
        }
        guard extra.isEmpty else {
            throw S3Error.policyViolation("Extra input fields: \(extra.joined(separator: ", "))")
        }
    }

    private static func holds(_ condition: Condition, _ value: String?) -> Bool {
        switch condition {
        case .equals(_, let expected): value == expected
        case .startsWith(_, let prefix): prefix.isEmpty || (value?.hasPrefix(prefix) ?? false)
        case .contentLengthRange: true
        }
    }
}
