import Foundation
import GRDB

/// The grant rows: written by CreateGrant, RetireGrant and RevokeGrant, read at start-up.
extension KMSDatabase {
    /// CreateGrant.
    static func insertGrant(_ grant: KeyGrant, keyId: String, in db: Database) throws {
        let entry = grant.entry
        let (kind, context) = try constraintColumns(entry.constraint)
        try db.execute(
            sql: """
                INSERT INTO kms_grant (grant_id, key_id, grant_token, name, creation_date, grantee_principal,
                    retiring_principal, issuing_account, operations, constraint_kind, constraint_context)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                entry.grantId, keyId, grant.token, entry.name, entry.creationDate.timeIntervalSince1970,
                entry.granteePrincipal, entry.retiringPrincipal, entry.issuingAccount,
                entry.operations.joined(separator: ","), kind, context,
            ])
    }

    /// RetireGrant and RevokeGrant.
    static func deleteGrant(grantId: String, in db: Database) throws {
        try db.execute(sql: "DELETE FROM kms_grant WHERE grant_id = ?", arguments: [grantId])
    }

    /// Every grant, by key id, oldest first.
    static func loadGrants(_ db: Database, identifiers: KeyIdentifierParser) throws -> [String: [KeyGrant]] {
        var grants: [String: [KeyGrant]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT * FROM kms_grant ORDER BY creation_date, rowid") {
            let keyId: String = row["key_id"]
            let operations: String = row["operations"]
            let entry = GrantListEntry(
                keyId: identifiers.keyArn(keyId), grantId: row["grant_id"], name: row["name"],
                creationDate: Date(timeIntervalSince1970: row["creation_date"]),
                granteePrincipal: row["grantee_principal"], retiringPrincipal: row["retiring_principal"],
                issuingAccount: row["issuing_account"],
                operations: operations.split(separator: ",").map(String.init),
                constraint: try constraint(kind: row["constraint_kind"], context: row["constraint_context"]))
            grants[keyId, default: []].append(KeyGrant(entry: entry, token: row["grant_token"]))
        }
        return grants
    }

    private static func constraintColumns(_ constraint: GrantConstraint?) throws -> (String?, String?) {
        let (kind, pairs): (String, [String: String])
        switch constraint {
        case nil: return (nil, nil)
        case .encryptionContextSubset(let context)?: (kind, pairs) = ("EncryptionContextSubset", context)
        case .encryptionContextEquals(let context)?: (kind, pairs) = ("EncryptionContextEquals", context)
        }
        let json = try JSONSerialization.data(withJSONObject: pairs, options: [.sortedKeys])
        return (kind, String(decoding: json, as: UTF8.self))
    }

    private static func constraint(kind: String?, context: String?) throws -> GrantConstraint? {
        guard let kind, let context else { return nil }
        guard let pairs = try JSONSerialization.jsonObject(with: Data(context.utf8)) as? [String: String] else {
            throw LoadError(description: "bad grant constraint row")
        }
        switch kind {
        case "EncryptionContextSubset": return .encryptionContextSubset(pairs)
        case "EncryptionContextEquals": return .encryptionContextEquals(pairs)
        default: throw LoadError(description: "bad grant constraint row")
        }
    }
}
