/// The enum value sets of AWS's KMS model, in the model's order (the order AWS lists them in messages).
enum KMSEnums {
    static let keySpec = [
        "RSA_2048", "RSA_3072", "RSA_4096", "ECC_NIST_P256", "ECC_NIST_P384", "ECC_NIST_P521", "ECC_SECG_P256K1",
        "SYMMETRIC_DEFAULT", "HMAC_224", "HMAC_256", "HMAC_384", "HMAC_512", "SM2", "ML_DSA_44", "ML_DSA_65",
        "ML_DSA_87", "ECC_NIST_EDWARDS25519",
    ]
    static let customerMasterKeySpec = Array(keySpec.prefix(13))
    static let keyUsage = ["SIGN_VERIFY", "ENCRYPT_DECRYPT", "GENERATE_VERIFY_MAC", "KEY_AGREEMENT"]
    static let origin = ["AWS_KMS", "EXTERNAL", "AWS_CLOUDHSM", "EXTERNAL_KEY_STORE"]
    static let dataKeySpec = ["AES_256", "AES_128"]
    static let encryptionAlgorithm = ["SYMMETRIC_DEFAULT", "RSAES_OAEP_SHA_1", "RSAES_OAEP_SHA_256", "SM2PKE"]
    static let includeKeyMaterial = ["ALL_KEY_MATERIAL", "ROTATIONS_ONLY"]
}

/// The member types that recur across KMS operations, with the model's constraints.
extension ShapeValidator {
    /// `KeyIdType`: 1...2048 characters.
    mutating func keyId(_ value: String?, _ member: String = "keyId", required: Bool = true) {
        length(value, member, 1...2048, required: required)
    }

    /// `Description`: 0...8192 characters.
    mutating func description(_ value: String?, required: Bool = false) {
        length(value, "description", 0...8192, required: required)
    }

    /// `AliasNameType`: 1...256 characters of `^[a-zA-Z0-9:/_-]+$`.
    mutating func aliasName(_ value: String?, required: Bool = true) {
        length(value, "aliasName", 1...256, required: required)
        pattern(value, "aliasName", "^[a-zA-Z0-9:/_-]+$") { scalar in
            ("0"..."9").contains(scalar) || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                || ":/_-".unicodeScalars.contains(scalar)
        }
    }

    /// `PolicyType`: 1...131072 characters of tab, newline, carriage return and U+0020...U+00FF.
    mutating func policy(_ value: String?, required: Bool) {
        length(value, "policy", 1...131_072, required: required)
        pattern(value, "policy", "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+") { scalar in
            scalar == "\t" || scalar == "\n" || scalar == "\r" || (0x20...0xFF).contains(scalar.value)
        }
    }

    /// `PolicyNameType`: 1...128 word characters.
    mutating func policyName(_ value: String?) {
        length(value, "policyName", 1...128)
        pattern(value, "policyName", "[\\w]+") { scalar in
            scalar == "_" || scalar.properties.isAlphabetic || scalar.properties.numericType != nil
        }
    }

    /// `LimitType` with the operation's own upper bound.
    mutating func limit(_ value: Int?, _ bounds: ClosedRange<Int>) {
        self.value(value, "limit", bounds)
    }

    /// `MarkerType`: 1...1024 characters of U+0020...U+00FF.
    mutating func marker(_ value: String?) {
        length(value, "marker", 1...1024)
        pattern(value, "marker", "[\\u0020-\\u00FF]*") { (0x20...0xFF).contains($0.value) }
    }

    /// `GrantTokenList`: at most 10 tokens of 1...8192 characters.
    mutating func grantTokens(_ value: [String]?) {
        count(value, "grantTokens", 0...10)
    }

    /// `TagList`: each `TagKey` 1...128 and `TagValue` 0...256 characters.
    mutating func tags(_ value: [TagShape]?, required: Bool) {
        guard let value else {
            if required { self.required(value, "tags") }
            return
        }
        for (index, tag) in value.enumerated() {
            length(tag.tagKey, "tags.\(index + 1).member.tagKey", 1...128, required: true)
            length(tag.tagValue, "tags.\(index + 1).member.tagValue", 0...256, required: true)
        }
    }

    /// `EncryptionAlgorithmSpec`.
    mutating func encryptionAlgorithm(_ value: String?, _ member: String = "encryptionAlgorithm") {
        oneOf(value, member, KMSEnums.encryptionAlgorithm)
    }
}
