/// What a key holds secret, unsealed in memory: the versions of a symmetric key's AES material, the key pair
/// of an asymmetric key, or the secret of an HMAC key. Asymmetric and HMAC keys have one version and never rotate.
enum KeyMaterial: Sendable {
    /// Every version of a symmetric key's material by id, and the current one.
    case symmetric(versions: [KeyMaterialID: KeyMaterialVersion], current: KeyMaterialVersion)
    case asymmetric(AsymmetricKeyPair)
    case hmac(HMACKey)

    /// A symmetric key's first material.
    static func symmetric(_ first: KeyMaterialVersion) -> KeyMaterial {
        .symmetric(versions: [first.id: first], current: first)
    }

    /// The id of the current version: the one `kms_key.current_material_id` names.
    var currentID: KeyMaterialID {
        switch self {
        case .symmetric(_, let current): current.id
        case .asymmetric(let pair): pair.id
        case .hmac(let key): key.id
        }
    }

    /// The current version of a symmetric key's material; nil for asymmetric and HMAC keys.
    var currentSymmetric: KeyMaterialVersion? {
        if case .symmetric(_, let current) = self { return current }
        return nil
    }

    /// One version of a symmetric key's material; nil if unknown or not symmetric.
    func symmetricVersion(_ id: KeyMaterialID) -> KeyMaterialVersion? {
        if case .symmetric(let versions, _) = self { return versions[id] }
        return nil
    }
}
