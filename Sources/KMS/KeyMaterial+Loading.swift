import Crypto

/// Turning unsealed rows into in-memory material, for each key type (start-up).
extension KeyMaterial {
    /// Why unsealed bytes do not make material of the stored key type.
    struct ParseError: Error {}

    /// The in-memory material of one unsealed row of a key of `spec` and `usage`.
    static func version(id: KeyMaterialID, spec: KeySpec, usage: KeyUsage, secret: SymmetricKey) throws(ParseError)
        -> Version
    {
        switch spec {
        case .symmetricDefault:
            guard secret.bitCount == 256 else { throw ParseError() }
            return .symmetric(KeyMaterialVersion(id: id, key: secret))
        case .hmac224, .hmac256, .hmac384, .hmac512:
            guard let key = try? HMACKey(id: id, spec: spec, key: secret) else { throw ParseError() }
            return .hmac(key)
        case .rsa2048, .rsa3072, .rsa4096, .eccNistP256, .eccNistP384, .eccNistP521, .eccSecgP256k1:
            guard let pair = try? AsymmetricKeyPair(id: id, spec: spec, usage: usage, pkcs8: secret) else {
                throw ParseError()
            }
            return .asymmetric(pair)
        }
    }

    /// One stored row of material, unsealed and parsed.
    enum Version: Sendable {
        case symmetric(KeyMaterialVersion)
        case asymmetric(AsymmetricKeyPair)
        case hmac(HMACKey)
    }

    /// Assembles a key's material from its rows and the id of the current one; nil if inconsistent.
    static func assemble(_ versions: [KeyMaterialID: Version], current: KeyMaterialID) -> KeyMaterial? {
        switch versions[current] {
        case .symmetric(let current):
            var symmetric: [KeyMaterialID: KeyMaterialVersion] = [:]
            for case (let id, .symmetric(let version)) in versions { symmetric[id] = version }
            guard symmetric.count == versions.count else { return nil }
            return .symmetric(versions: symmetric, current: current)
        case .asymmetric(let pair): return versions.count == 1 ? .asymmetric(pair) : nil
        case .hmac(let key): return versions.count == 1 ? .hmac(key) : nil
        case nil: return nil
        }
    }
}

extension KeyMaterial {
    /// Whether the material is of the kind a key of `spec` holds.
    func matches(_ spec: KeySpec) -> Bool {
        switch self {
        case .symmetric: spec == .symmetricDefault
        case .asymmetric(let pair): pair.spec == spec
        case .hmac(let key): key.spec == spec
        }
    }
}
