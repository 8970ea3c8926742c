import Foundation
import Testing

/// Asymmetric keys against openssl, through the aws CLI: what Coffer returns must be usable outside Coffer.
extension RealClients {
    @Suite(
        .serialized,
        .enabled(if: Interop.enabled(Interop.aws), "the aws CLI is not installed"),
        .enabled(if: Interop.enabled(Interop.openssl), "the openssl CLI is not installed"))
    struct KMSAsymmetricOpenSSLTests {
        let server: CofferProcess
        let aws: AWSCLI
        let openssl: OpenSSL

        init() throws {
            server = try CofferProcess()
            aws = AWSCLI(server: server)
            let scratch = server.dataDirectory.appendingPathComponent("openssl-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            openssl = OpenSSL(directory: scratch)
        }

        /// Creates a key and writes its public key as `<name>.der` and `<name>.pem`; returns the key id.
        func key(spec: String, usage: String, name: String) throws -> String {
            let created = try aws.json(["kms", "create-key", "--key-spec", spec, "--key-usage", usage])
            let keyId = try #require((created["KeyMetadata"] as? [String: Any])?["KeyId"] as? String)
            let publicKey = try aws.json(["kms", "get-public-key", "--key-id", keyId])
            #expect(publicKey["KeySpec"] as? String == spec)
            #expect(publicKey["KeyUsage"] as? String == usage)
            try openssl.write("\(name).der", try Self.base64(publicKey["PublicKey"]))
            let pem = try openssl.run(["pkey", "-pubin", "-inform", "DER", "-in", "\(name).der", "-out", "\(name).pem"])
            try #require(pem.status == 0, "openssl pkey: \(pem.stderr)")
            return keyId
        }

        @Test("openssl encrypts with the public key from GetPublicKey; Coffer decrypts (OAEP SHA-1 and SHA-256)")
        func opensslEncryptsCofferDecrypts() throws {
            let keyId = try key(spec: "RSA_2048", usage: "ENCRYPT_DECRYPT", name: "rsa")
            let plaintext = Array("encrypted by openssl, outside Coffer".utf8)
            try openssl.write("plain.txt", plaintext)
            for (digest, algorithm) in [("sha256", "RSAES_OAEP_SHA_256"), ("sha1", "RSAES_OAEP_SHA_1")] {
                let encrypted = try openssl.run([
                    "pkeyutl", "-encrypt", "-pubin", "-inkey", "rsa.der", "-keyform", "DER", "-pkeyopt",
                    "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:\(digest)", "-in", "plain.txt", "-out", "ct.bin",
                ])
                try #require(encrypted.status == 0, "openssl pkeyutl: \(encrypted.stderr)")
                let decrypted = try aws.json([
                    "kms", "decrypt", "--key-id", keyId, "--encryption-algorithm", algorithm, "--ciphertext-blob",
                    "fileb://\(openssl.directory.appendingPathComponent("ct.bin").path)",
                ])
                #expect(try Self.base64(decrypted["Plaintext"]) == plaintext, "\(algorithm)")
                #expect(decrypted["EncryptionAlgorithm"] as? String == algorithm)
            }
        }

        @Test("every signature from Sign (RAW and DIGEST) verifies with openssl dgst")
        func signaturesVerifyWithOpenSSL() throws {
            try openssl.write("message", Array("signed by Coffer, verified by openssl".utf8))
            let keys = [
                "RSA_2048": try key(spec: "RSA_2048", usage: "SIGN_VERIFY", name: "RSA_2048"),
                "ECC_NIST_P256": try key(spec: "ECC_NIST_P256", usage: "SIGN_VERIFY", name: "ECC_NIST_P256"),
                "ECC_NIST_P384": try key(spec: "ECC_NIST_P384", usage: "SIGN_VERIFY", name: "ECC_NIST_P384"),
                "ECC_NIST_P521": try key(spec: "ECC_NIST_P521", usage: "SIGN_VERIFY", name: "ECC_NIST_P521"),
                "ECC_SECG_P256K1": try key(spec: "ECC_SECG_P256K1", usage: "SIGN_VERIFY", name: "ECC_SECG_P256K1"),
            ]
            let cases = [
                ("RSA_2048", "RSASSA_PKCS1_V1_5_SHA_256"), ("RSA_2048", "RSASSA_PKCS1_V1_5_SHA_384"),
                ("RSA_2048", "RSASSA_PKCS1_V1_5_SHA_512"), ("RSA_2048", "RSASSA_PSS_SHA_256"),
                ("RSA_2048", "RSASSA_PSS_SHA_384"), ("RSA_2048", "RSASSA_PSS_SHA_512"),
                ("ECC_NIST_P256", "ECDSA_SHA_256"),
                ("ECC_NIST_P384", "ECDSA_SHA_384"), ("ECC_NIST_P521", "ECDSA_SHA_512"),
                ("ECC_SECG_P256K1", "ECDSA_SHA_256"),
            ]
            for (spec, algorithm) in cases {
                let digest = "sha" + algorithm.suffix(3)
                let hashed = try openssl.run(["dgst", "-\(digest)", "-binary", "-out", "digest", "message"])
                try #require(hashed.status == 0, "openssl dgst: \(hashed.stderr)")
                for (type, input) in [("RAW", "message"), ("DIGEST", "digest")] {
                    let signed = try aws.json([
                        "kms", "sign", "--key-id", try #require(keys[spec]), "--signing-algorithm", algorithm,
                        "--message-type", type, "--message",
                        "fileb://\(openssl.directory.appendingPathComponent(input).path)",
                    ])
                    try openssl.write("sig", try Self.base64(signed["Signature"]))
                    let verified = try openssl.run(Self.verify(spec: spec, algorithm: algorithm, file: "message"))
                    #expect(
                        verified.stdout == "Verified OK", "\(algorithm) \(type): \(verified.stdout) \(verified.stderr)")
                }
                try openssl.write("tampered", Array("signed by Coffer, verified by openssl!".utf8))
                let tampered = try openssl.run(Self.verify(spec: spec, algorithm: algorithm, file: "tampered"))
                #expect(tampered.status != 0, "\(algorithm): a changed message must not verify")
            }
        }

        /// `openssl dgst -<hash> -verify <spec>.pem -signature sig <file>`, with PSS options for RSASSA-PSS
        /// (salt length -1: as long as the digest).
        static func verify(spec: String, algorithm: String, file: String) -> [String] {
            var arguments = ["dgst", "-sha" + algorithm.suffix(3), "-verify", "\(spec).pem", "-signature", "sig"]
            if algorithm.hasPrefix("RSASSA_PSS") {
                arguments += ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:-1"]
            }
            return arguments + [file]
        }

        static func base64(_ value: Any?) throws -> [UInt8] {
            let text = try #require(value as? String)
            return Array(try #require(Data(base64Encoded: text)))
        }
    }
}

/// Asymmetric and HMAC keys through boto3, checked with Python `cryptography` (and openssl for data key pairs).
extension RealClients {
    @Suite(
        .enabled(
            if: Interop.enabled(Interop.cryptographyPython), "python3 with boto3 and cryptography is not installed"),
        .enabled(if: Interop.enabled(Interop.openssl), "the openssl CLI is not installed"))
    struct KMSAsymmetricCryptographyTests {
        @Test func boto3AndCryptographyBothWays() throws {
            let server = try CofferProcess()
            let files = server.dataDirectory.appendingPathComponent("pairs")
            try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
            let result = try Boto3(server: server).run(script: "kms_asymmetric", arguments: [files.path])
            try #require(result.status == 0, "kms_asymmetric.py failed:\n\(result.stderr)\nserver:\n\(server.output)")
            let line = try #require(result.stdout.split(separator: "\n").last)
            let out = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])

            // Sign in Coffer, verify with cryptography: RAW, DIGEST, and Coffer's Verify of a DIGEST.
            let signing = try #require(out["signing"] as? [String: Any])
            #expect(signing.count == 20)
            for (name, value) in signing {
                if name.hasSuffix("/tampered") {
                    #expect((value as? [String])?.first == "KMSInvalidSignatureException", "\(name)")
                    #expect((value as? [String])?.last == "", "\(name): AWS sends an empty message")
                } else {
                    #expect(value as? [Bool] == [true, true, true, true], "\(name)")
                }
            }
            #expect(out["signing_algorithms_ECC_SECG_P256K1"] as? [String] == ["ECDSA_SHA_256"])
            #expect(
                out["digest_length"] as? [String]
                    == ["ValidationException", "Digest is invalid length for algorithm ECDSA_SHA_256."])
            #expect((out["wrong_algorithm"] as? [String])?.first == "InvalidKeyUsageException")

            // Encrypt with cryptography and the downloaded public key; Coffer decrypts. AWS's limits, exactly.
            let encryption = try #require(out["encryption"] as? [String: [Any]])
            #expect(encryption.count == 4)
            for (name, value) in encryption {
                #expect(value.prefix(4).map { $0 as? Bool } == [true, true, true, true], "\(name)")
                let parts = name.split(separator: "/")
                let limit = [
                    "RSA_2048/RSAES_OAEP_SHA_1": 214, "RSA_2048/RSAES_OAEP_SHA_256": 190,
                    "RSA_4096/RSAES_OAEP_SHA_1": 470, "RSA_4096/RSAES_OAEP_SHA_256": 446,
                ][name]
                #expect(
                    value.last as? [String]
                        == [
                            "ValidationException",
                            "Algorithm \(parts[1]) and key spec \(parts[0]) cannot encrypt data larger than \(limit ?? 0) bytes.",
                        ])
            }

            // GenerateDataKeyPair: Decrypt opens the private key, cryptography loads and signs with it ...
            let pairs = try #require(out["pairs"] as? [String: [Bool]])
            #expect(pairs.count == 5)
            for (spec, checks) in pairs { #expect(checks == [true, true, true, true, true], "\(spec)") }
            #expect((out["pair_unsupported"] as? [String])?.first == "UnsupportedOperationException")
            // ... and openssl verifies those signatures with the public key GenerateDataKeyPair returned.
            let openssl = OpenSSL(directory: files)
            for spec in pairs.keys {
                let pem = try openssl.run([
                    "pkey", "-pubin", "-inform", "DER", "-in", "\(spec).pub.der", "-out", "\(spec).pem",
                ])
                try #require(pem.status == 0, "\(spec): \(pem.stderr)")
                let verified = try openssl.run([
                    "dgst", "-sha256", "-verify", "\(spec).pem", "-signature", "\(spec).sig", "message",
                ])
                #expect(verified.stdout == "Verified OK", "\(spec): \(verified.stderr)")
            }

            // HMAC keys: round trip, determinism, tampering, and AWS's messages.
            let macs = try #require(out["macs"] as? [String: [Any]])
            #expect(macs.count == 4)
            for (spec, value) in macs {
                #expect(value.prefix(3).map { $0 as? Bool } == [true, true, true], "\(spec)")
                #expect((value[3] as? [String])?.first == "HMAC_SHA_" + spec.suffix(3))
                #expect(value[4] as? [String] == ["KMSInvalidMacException", ""], "\(spec)")
            }
            #expect(
                out["mac_mismatch"] as? [String]
                    == ["InvalidKeyUsageException", "Algorithm HMAC_SHA_512 is incompatible with key spec HMAC_256."])
            #expect((out["no_public_key"] as? [String])?.first == "UnsupportedOperationException")
            #expect((out["rotation"] as? [String])?.first == "UnsupportedOperationException")
        }
    }
}
