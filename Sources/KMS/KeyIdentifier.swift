import Foundation
import TextCodings

/// A parsed `KeyId` parameter: a key (from a key id or key ARN) or an alias (from an alias name or ARN).
enum KeyIdentifier: Equatable, Sendable {
    case key(UUID)
    /// The alias name, `alias/<name>`.
    case alias(String)

    /// Which identifier forms an operation accepts (reference §1.3).
    enum Forms: Sendable {
        /// Key id, key ARN, alias name, alias ARN.
        case any
        /// Key id or key ARN.
        case keyOnly
    }
}

/// Parses identifiers and builds ARNs for one region and account.
struct KeyIdentifierParser: Sendable {
    let region: String
    let accountId: String

    /// `arn:aws:kms:<region>:<account>:key/<id>`.
    func keyArn(_ keyId: String) -> String { "arn:aws:kms:\(region):\(accountId):key/\(keyId)" }

    /// `arn:aws:kms:<region>:<account>:alias/<name>` for an alias name `alias/<name>`.
    func aliasArn(_ aliasName: String) -> String { "arn:aws:kms:\(region):\(accountId):\(aliasName)" }

    /// Parses `raw`, throwing AWS's NotFoundException for identifiers that cannot name one of our keys.
    func parse(_ raw: String, forms: KeyIdentifier.Forms) throws(KMSError) -> KeyIdentifier {
        if raw.hasPrefix("arn:") { return try parseArn(raw, forms: forms) }
        if raw.hasPrefix("alias/") {
            guard case .any = forms else { throw .invalidKeyId(raw) }
            return .alias(raw)
        }
        if let uuid = Self.uuid(raw) { return .key(uuid) }
        if Self.isMultiRegionKeyId(raw) { throw .keyNotFound(arn: keyArn(raw)) }
        throw .invalidKeyId(raw)
    }

    private func parseArn(_ raw: String, forms: KeyIdentifier.Forms) throws(KMSError) -> KeyIdentifier {
        let parts = raw.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[1] == "aws", parts[2] == "kms" else { throw .invalidKeyId(raw) }
        guard parts[3] == region else { throw .invalidArnRegion(String(parts[3])) }
        let resource = String(parts[5])
        if resource.hasPrefix("key/") {
            let keyId = String(resource.dropFirst(4))
            guard let uuid = Self.uuid(keyId) else {
                if Self.isMultiRegionKeyId(keyId) { throw .keyNotFound(arn: raw) }
                throw .invalidKeyId(raw)
            }
            guard parts[4] == accountId else { throw .keyNotFound(arn: raw) }
            return .key(uuid)
        }
        if resource.hasPrefix("alias/"), case .any = forms {
            guard parts[4] == accountId else { throw .aliasNotFound(aliasArn: raw) }
            return .alias(resource)
        }
        throw .invalidKeyId(raw)
    }

    /// A canonical 36-character UUID (8-4-4-4-12 hex digits), in either case.
    ///
    /// Hand-written: Foundation's `UUID(uuidString:)` goes through `sscanf` on Linux, a visible cost on the
    /// request path. `KeyIdentifierTests` checks it against Foundation.
    static func uuid(_ string: String) -> UUID? {
        var string = string
        string.makeContiguousUTF8()
        return string.utf8.withContiguousStorageIfAvailable(parseUUID) ?? nil
    }

    private static func parseUUID(_ chars: UnsafeBufferPointer<UInt8>) -> UUID? {
        guard chars.count == 36 else { return nil }
        var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var index = 0
        let parsed = withUnsafeMutableBytes(of: &bytes) { out -> Bool in
            for byte in 0..<16 {
                if index == 8 || index == 13 || index == 18 || index == 23 {
                    guard chars[index] == UInt8(ascii: "-") else { return false }
                    index += 1
                }
                guard let high = Hex.value(ofDigit: chars[index]), let low = Hex.value(ofDigit: chars[index + 1]) else {
                    return false
                }
                out[byte] = high << 4 | low
                index += 2
            }
            return true
        }
        return parsed ? UUID(uuid: bytes) : nil
    }

    /// `mrk-` followed by 32 hex characters: well-formed, but Coffer has no multi-Region keys.
    private static func isMultiRegionKeyId(_ string: String) -> Bool {
        string.hasPrefix("mrk-") && string.utf8.count == 36 && string.dropFirst(4).allSatisfy(\.isHexDigit)
    }
}
