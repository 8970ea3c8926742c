import Foundation
import Testing

/// The aws CLI's `kms` commands against a real server process.
extension RealClients {
    @Suite(.serialized, .enabled(if: Interop.enabled(Interop.aws), "the aws CLI is not installed"))
    struct KMSAWSCLITests {
        let server: CofferProcess
        let aws: AWSCLI
        let scratch: Scratch

        init() throws {
            server = try CofferProcess()
            aws = AWSCLI(server: server)
            scratch = try Scratch()
        }

        /// Writes bytes to a scratch file and returns its `fileb://` argument.
        func file(_ name: String, _ bytes: Data) throws -> String {
            let url = scratch.path(name)
            try bytes.write(to: url)
            return "fileb://\(url.path)"
        }

        func createKey(_ description: String) throws -> [String: Any] {
            let created = try aws.json(["kms", "create-key", "--description", description])
            return try #require(created["KeyMetadata"] as? [String: Any])
        }

        func ciphertext(of output: [String: Any]) throws -> Data {
            let blob = try #require(output["CiphertextBlob"] as? String)
            return try #require(Data(base64Encoded: blob))
        }

        @Test func createDescribeEncryptDecryptWithContextAndAlias() throws {
            // Given a new key with an alias
            let metadata = try createKey("interop key")
            let keyId = try #require(metadata["KeyId"] as? String)
            #expect(metadata["KeyState"] as? String == "Enabled")
            #expect(metadata["KeyManager"] as? String == "CUSTOMER")
            #expect(metadata["Arn"] as? String == "arn:aws:kms:us-east-1:111122223333:key/\(keyId)")
            _ = try aws.json(["kms", "create-alias", "--alias-name", "alias/interop", "--target-key-id", keyId])

            // When data is encrypted through the alias with an encryption context
            let plaintext = Data("the lecture's secret".utf8)
            let encrypted = try aws.json([
                "kms", "encrypt", "--key-id", "alias/interop", "--plaintext", try file("plain", plaintext),
                "--encryption-context", "purpose=interop,class=kms",
            ])
            #expect(encrypted["KeyId"] as? String == metadata["Arn"] as? String)
            let blob = try file("blob", try ciphertext(of: encrypted))

            // Then Decrypt needs no key id, only the same context
            let decrypted = try aws.json([
                "kms", "decrypt", "--ciphertext-blob", blob, "--encryption-context", "class=kms,purpose=interop",
            ])
            #expect(decrypted["Plaintext"] as? String == plaintext.base64EncodedString())
            #expect(decrypted["KeyId"] as? String == metadata["Arn"] as? String)

            // And a different context is InvalidCiphertextException
            let mismatch = try aws.run([
                "kms", "decrypt", "--ciphertext-blob", blob, "--encryption-context", "purpose=other,class=kms",
            ])
            #expect(mismatch.status != 0)
            #expect(mismatch.stderr.contains("InvalidCiphertextException"))

            let described = try aws.json(["kms", "describe-key", "--key-id", "alias/interop"])
            #expect((described["KeyMetadata"] as? [String: Any])?["KeyId"] as? String == keyId)
            let aliases = try aws.json(["kms", "list-aliases", "--key-id", keyId])
            let names = (aliases["Aliases"] as? [[String: Any]] ?? []).compactMap { $0["AliasName"] as? String }
            #expect(names == ["alias/interop"])
            let keys = try aws.json(["kms", "list-keys"])
            let ids = (keys["Keys"] as? [[String: Any]] ?? []).compactMap { $0["KeyId"] as? String }
            #expect(ids.contains(keyId))
        }

        @Test func dataKeysAndRandom() throws {
            let keyId = try #require(try createKey("data keys")["KeyId"] as? String)
            let context = #"{"aws:s3:arn": "arn:aws:s3:::bucket/object"}"#
            let generated = try aws.json([
                "kms", "generate-data-key", "--key-id", keyId, "--key-spec", "AES_256", "--encryption-context", context,
            ])
            let encodedPlaintext = try #require(generated["Plaintext"] as? String)
            let plaintext = try #require(Data(base64Encoded: encodedPlaintext))
            #expect(plaintext.count == 32)
            let decrypted = try aws.json([
                "kms", "decrypt", "--ciphertext-blob", try file("dk", try ciphertext(of: generated)),
                "--encryption-context", context,
            ])
            #expect(decrypted["Plaintext"] as? String == plaintext.base64EncodedString())

            let withoutPlaintext = try aws.json([
                "kms", "generate-data-key-without-plaintext", "--key-id", keyId, "--number-of-bytes", "64",
            ])
            #expect(withoutPlaintext["Plaintext"] == nil)
            let unwrapped = try aws.json([
                "kms", "decrypt", "--ciphertext-blob", try file("dk64", try ciphertext(of: withoutPlaintext)),
            ])
            #expect(Data(base64Encoded: unwrapped["Plaintext"] as? String ?? "")?.count == 64)

            let random = try aws.json(["kms", "generate-random", "--number-of-bytes", "48"])
            #expect(Data(base64Encoded: random["Plaintext"] as? String ?? "")?.count == 48)
        }

        @Test func rotationKeepsOldCiphertextsReadable() throws {
            let metadata = try createKey("rotating")
            let keyId = try #require(metadata["KeyId"] as? String)
            let firstMaterial = metadata["CurrentKeyMaterialId"] as? String
            let old = try aws.json([
                "kms", "encrypt", "--key-id", keyId, "--plaintext", try file("p1", Data("old".utf8)),
            ])

            _ = try aws.json(["kms", "enable-key-rotation", "--key-id", keyId, "--rotation-period-in-days", "90"])
            let status = try aws.json(["kms", "get-key-rotation-status", "--key-id", keyId])
            #expect(status["KeyRotationEnabled"] as? Bool == true)
            #expect(status["RotationPeriodInDays"] as? Int == 90)
            #expect(status["NextRotationDate"] != nil)

            _ = try aws.json(["kms", "rotate-key-on-demand", "--key-id", keyId])
            let rotations = try aws.json(["kms", "list-key-rotations", "--key-id", keyId])
            let entries = rotations["Rotations"] as? [[String: Any]] ?? []
            #expect(entries.count == 1)
            #expect(entries.first?["RotationType"] as? String == "ON_DEMAND")
            let after = try aws.json(["kms", "describe-key", "--key-id", keyId])
            let secondMaterial = (after["KeyMetadata"] as? [String: Any])?["CurrentKeyMaterialId"] as? String
            #expect(secondMaterial != nil && secondMaterial != firstMaterial)

            let decrypted = try aws.json([
                "kms", "decrypt", "--ciphertext-blob", try file("old", try ciphertext(of: old)),
            ])
            #expect(decrypted["Plaintext"] as? String == Data("old".utf8).base64EncodedString())
        }

        @Test func keyStatesGiveAWSErrors() throws {
            let keyId = try #require(try createKey("states")["KeyId"] as? String)
            let plain = try file("s", Data("x".utf8))

            _ = try aws.json(["kms", "disable-key", "--key-id", keyId])
            let disabled = try aws.run(["kms", "encrypt", "--key-id", keyId, "--plaintext", plain])
            #expect(disabled.status != 0)
            #expect(disabled.stderr.contains("DisabledException"))
            _ = try aws.json(["kms", "enable-key", "--key-id", keyId])

            let scheduled = try aws.json([
                "kms", "schedule-key-deletion", "--key-id", keyId, "--pending-window-in-days", "7",
            ])
            #expect(scheduled["KeyState"] as? String == "PendingDeletion")
            let pending = try aws.run(["kms", "generate-data-key", "--key-id", keyId, "--key-spec", "AES_256"])
            #expect(pending.status != 0)
            #expect(pending.stderr.contains("KMSInvalidStateException"))
            #expect(pending.stderr.contains("is pending deletion."))

            _ = try aws.json(["kms", "cancel-key-deletion", "--key-id", keyId])
            let described = try aws.json(["kms", "describe-key", "--key-id", keyId])
            #expect((described["KeyMetadata"] as? [String: Any])?["KeyState"] as? String == "Disabled")
        }

        @Test func badInputGetsAWSErrorsAndServerStaysUp() throws {
            let wrongSecret = try aws.run(
                ["kms", "list-keys"], environmentOverrides: ["AWS_SECRET_ACCESS_KEY": "not-the-secret"])
            #expect(wrongSecret.stderr.contains("InvalidSignatureException"))
            let unknownKey = try aws.run(
                ["kms", "list-keys"], environmentOverrides: ["AWS_ACCESS_KEY_ID": "AKIAUNKNOWN000000000"])
            #expect(unknownKey.stderr.contains("UnrecognizedClientException"))

            let keyId = try #require(try createKey("bad input")["KeyId"] as? String)
            let oversized = try aws.run([
                "kms", "encrypt", "--key-id", keyId, "--plaintext", try file("big", Data(count: 4097)),
            ])
            #expect(oversized.stderr.contains("ValidationException"))
            let invalidId = try aws.run(["kms", "describe-key", "--key-id", "not-a-key"])
            #expect(invalidId.stderr.contains("NotFoundException"))
            let missing = try aws.run(["kms", "describe-key", "--key-id", UUID().uuidString.lowercased()])
            #expect(missing.stderr.contains("NotFoundException"))

            // The server still answers.
            #expect(try aws.json(["kms", "list-keys"])["Keys"] != nil)
        }

        @Test func keysSurviveARestart() throws {
            let keyId = try #require(try createKey("durable")["KeyId"] as? String)
            _ = try aws.json(["kms", "create-alias", "--alias-name", "alias/durable", "--target-key-id", keyId])
            let encrypted = try aws.json([
                "kms", "encrypt", "--key-id", "alias/durable", "--plaintext", try file("d", Data("kept".utf8)),
            ])
            let blob = try file("durable-blob", try ciphertext(of: encrypted))

            server.stop()
            try server.start()

            let decrypted = try aws.json(["kms", "decrypt", "--ciphertext-blob", blob])
            #expect(decrypted["Plaintext"] as? String == Data("kept".utf8).base64EncodedString())
            let described = try aws.json(["kms", "describe-key", "--key-id", "alias/durable"])
            #expect((described["KeyMetadata"] as? [String: Any])?["KeyId"] as? String == keyId)
        }
    }
}
