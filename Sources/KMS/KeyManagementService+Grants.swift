import AccessPolicy
import AuditTrail
import Foundation

/// CreateGrant, ListGrants, RetireGrant and RevokeGrant. A grant lets its grantee call the listed operations on
/// the key (with its encryption-context constraint), which authorization honours beside the key policy.
extension KeyManagementService {
    /// The resource quota of grants per key.
    static let grantsPerKey = 50_000

    /// CreateGrant: needs `kms:CreateGrant` on the key (policy conditions see `kms:GrantOperations`,
    /// `kms:GranteePrincipal`, `kms:RetiringPrincipal`). A repeated call with the same name and parameters returns
    /// the existing grant, as AWS does.
    public func createGrant(_ request: CreateGrantRequest, caller: KMSCaller) async throws(KMSError) -> CreatedGrant {
        try await perform(.createGrant, caller, Self.auditParameters(request)) { caller throws(KMSError) in
            try Self.validateGrant(request)
            let now = clock.now()
            let grantId = Self.hex(SecureRandom.bytes(32))
            let token = Data(SecureRandom.bytes(96)).base64EncodedString()
            let issuingAccount = "arn:aws:iam::\(configuration.accountId):root"
            return try await commit(.createGrant) { store, rows in
                var key = try self.resolve(request.keyId, in: store, forms: .keyOnly)
                try self.admit(key, for: .createGrant, caller: caller, conditions: Self.grantConditions(request))
                try Self.checkOperations(request, fit: key)
                if let existing = key.grants.all.first(where: { Self.isRepeat(request, of: $0.entry) }) {
                    return CreatedGrant(grantId: existing.grantId, grantToken: existing.token)
                }
                guard key.grants.count < Self.grantsPerKey else {
                    throw KMSError(.limitExceeded, "A KMS key can have at most \(Self.grantsPerKey) grants.")
                }
                let grant = KeyGrant(
                    entry: GrantListEntry(
                        keyId: key.arn, grantId: grantId, name: request.name, creationDate: now,
                        granteePrincipal: request.granteePrincipal, retiringPrincipal: request.retiringPrincipal,
                        issuingAccount: issuingAccount, operations: request.operations,
                        constraint: request.constraint),
                    token: token)
                try rows.insertGrant(grant, keyId: key.keyId)
                key.grants.add(grant)
                store.keys[key.id] = key
                return CreatedGrant(grantId: grantId, grantToken: token)
            }
        }
    }

    /// ListGrants: needs `kms:ListGrants`; `limit` 1...100 (default 50), oldest first, optionally one grant or one
    /// grantee.
    public func listGrants(
        keyId: String, limit: Int?, marker: String?, grantId: String? = nil, granteePrincipal: String? = nil,
        caller: KMSCaller
    ) async throws(KMSError) -> Page<GrantListEntry> {
        var extra: [AuditField: JSONValue] = [:]
        extra[.grantId] = grantId.map { .string($0) }
        extra[.granteePrincipal] = granteePrincipal.map { .string($0) }
        return try await perform(.listGrants, caller, .request(keyId: keyId, extra: extra)) { caller throws(KMSError) in
            let limit = try Paging.limit(limit, default: 50, range: 1...100)
            let key = try self.key(keyId, for: .listGrants, caller: caller, forms: .keyOnly, in: store)
            let entries = key.grants.all.map(\.entry).filter {
                (grantId == nil || $0.grantId == grantId)
                    && (granteePrincipal == nil || $0.granteePrincipal == granteePrincipal)
            }
            let ordered = entries.enumerated().map { (String(format: "%06d", $0.offset), $0.element) }
            let page = try Paging.page(ordered, limit: limit, marker: marker, sortKey: \.0)
            return Page(items: page.items.map(\.1), nextMarker: page.nextMarker)
        }
    }

    /// RetireGrant, by grant token or by key and grant id. Not governed by policies: only the grant's retiring
    /// principal, its grantee when the grant includes `RetireGrant`, or the key account's root user may retire it.
    public func retireGrant(grantToken: String?, keyId: String?, grantId: String?, caller: KMSCaller)
        async throws(KMSError)
    {
        var extra: [AuditField: JSONValue] = [:]
        extra[.grantId] = grantId.map { .string($0) }
        try await perform(.retireGrant, caller, .request(keyId: keyId, extra: extra)) { caller throws(KMSError) in
            try await commit(.retireGrant) { store, rows in
                let (found, grant) = try self.grantToRetire(
                    grantToken: grantToken, keyId: keyId, grantId: grantId, in: store)
                var key = found
                caller.trace?.touched(key.arn)
                guard grant.rule.mayBeRetired(by: caller.principal, keyAccount: self.configuration.accountId) else {
                    throw KMSError.accessDenied(caller: caller, operation: .retireGrant, arn: key.arn)
                }
                rows.deleteGrant(grantId: grant.grantId)
                key.grants.remove(grantId: grant.grantId)
                store.keys[key.id] = key
            }
        }
    }

    /// RevokeGrant: needs `kms:RevokeGrant` on the key.
    public func revokeGrant(keyId: String, grantId: String, caller: KMSCaller) async throws(KMSError) {
        let parameters = AuditFields.request(keyId: keyId, extra: [.grantId: .string(grantId)])
        try await perform(.revokeGrant, caller, parameters) { caller throws(KMSError) in
            try Self.validateGrantId(grantId)
            try await commit(.revokeGrant) { store, rows in
                var key = try self.key(keyId, for: .revokeGrant, caller: caller, forms: .keyOnly, in: store)
                guard key.grants.remove(grantId: grantId) != nil else { throw KMSError.grantNotFound(grantId) }
                rows.deleteGrant(grantId: grantId)
                store.keys[key.id] = key
            }
        }
    }

    /// The key and grant RetireGrant names: by token (searched across keys), or by key id and grant id.
    private func grantToRetire(
        grantToken: String?, keyId: String?, grantId: String?, in store: KeyStore
    ) throws(KMSError) -> (KMSKey, KeyGrant) {
        if let grantToken {
            for key in store.keys.values {
                if let grant = key.grants.grant(token: grantToken) { return (key, grant) }
            }
            throw KMSError(.invalidGrantToken, "Invalid grant token.")
        }
        guard let keyId, let grantId else {
            throw KMSError.validation("Either GrantToken, or both KeyId and GrantId, must be specified.")
        }
        try Self.validateGrantId(grantId)
        let key = try resolve(keyId, in: store, forms: .keyOnly)
        guard let grant = key.grants.grant(id: grantId) else { throw KMSError.grantNotFound(grantId) }
        return (key, grant)
    }
}
