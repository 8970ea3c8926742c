import KMSQuota
import Testing

@Suite struct QuotaFamilyTests {
    @Test(
        arguments: [
            ("Encrypt", "SYMMETRIC_DEFAULT", QuotaFamily.symmetric),
            ("Decrypt", "SYMMETRIC_DEFAULT", .symmetric),
            ("GenerateDataKey", "SYMMETRIC_DEFAULT", .symmetric),
            ("GenerateDataKeyWithoutPlaintext", "SYMMETRIC_DEFAULT", .symmetric),
            ("ReEncrypt", "SYMMETRIC_DEFAULT", .symmetric),
            ("GenerateMac", "HMAC_256", .symmetric),
            ("VerifyMac", "HMAC_512", .symmetric),
            ("Encrypt", "RSA_2048", .rsa),
            ("Decrypt", "RSA_4096", .rsa),
            ("Sign", "RSA_3072", .rsa),
            ("Verify", "RSA_2048", .rsa),
            ("Sign", "ECC_NIST_P256", .ecc),
            ("Verify", "ECC_SECG_P256K1", .ecc),
            ("DeriveSharedSecret", "ECC_NIST_P384", .ecc),
            ("Sign", "ECC_NIST_EDWARDS25519", .ecc),
            // AWS's "ECC and SM2" quota also covers SM2's encryption operations (China Regions only).
            ("Sign", "SM2", .ecc), ("Encrypt", "SM2", .ecc), ("Decrypt", "SM2", .ecc), ("ReEncrypt", "SM2", .ecc),
            ("ReEncrypt", "RSA_2048", .rsa),
        ] as [(String, String, QuotaFamily)])
    func cryptographicOperations(operation: String, keySpec: String, family: QuotaFamily) {
        #expect(QuotaFamily(operation: operation, keySpec: keySpec) == family)
    }

    @Test func generateRandomUsesNoKey() {
        #expect(QuotaFamily(operation: "GenerateRandom", keySpec: nil) == .symmetric)
    }

    @Test(arguments: [
        ("CreateKey", "SYMMETRIC_DEFAULT"), ("DescribeKey", "RSA_2048"), ("GetPublicKey", "RSA_2048"),
        ("GenerateDataKeyPair", "SYMMETRIC_DEFAULT"), ("GenerateDataKeyPairWithoutPlaintext", "SYMMETRIC_DEFAULT"),
        ("GetPublicKey", "ECC_NIST_P256"), ("Sign", "ML_DSA_44"), ("Verify", "ML_DSA_87"),
        ("Encrypt", "ECC_NIST_P256"), ("Decrypt", "ECC_NIST_P256"), ("Sign", "SYMMETRIC_DEFAULT"),
        ("GenerateDataKey", "RSA_2048"),
    ])
    func otherCallsAreNotMetered(operation: String, keySpec: String) {
        #expect(QuotaFamily(operation: operation, keySpec: keySpec) == nil)
    }
}
