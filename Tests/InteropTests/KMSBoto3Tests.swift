import Foundation
import Testing

/// boto3's kms client, with default settings, against a real server process.
extension RealClients {
    @Suite(.enabled(if: Interop.enabled(Interop.boto3Python), "python3 with boto3 is not installed"))
    struct KMSBoto3Tests {
        @Test func boto3KMSClientWorksUnmodified() throws {
            let server = try CofferProcess()
            let result = try Boto3(server: server).run(script: "kms_boto3")
            try #require(result.status == 0, "kms_boto3.py failed:\n\(result.stderr)\nserver:\n\(server.output)")
            let line = try #require(result.stdout.split(separator: "\n").last)
            let out = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])

            #expect(out["key_state"] as? String == "Enabled")
            #expect(out["key_spec"] as? String == "SYMMETRIC_DEFAULT")
            #expect(out["encryption_algorithms"] as? [String] == ["SYMMETRIC_DEFAULT"])
            #expect(out["encrypt_key_arn"] as? Bool == true)
            #expect(out["decrypt_roundtrip"] as? Bool == true)
            #expect(out["context_mismatch"] as? String == "InvalidCiphertextException")
            #expect(out["no_context"] as? String == "InvalidCiphertextException")
            #expect(out["incorrect_key"] as? String == "IncorrectKeyException")
            #expect(out["reencrypt_roundtrip"] as? Bool == true)
            #expect(out["data_key_len"] as? Int == 16)
            #expect(out["data_key_roundtrip"] as? Bool == true)
            #expect(out["both_specs"] as? String == "ValidationException")
            #expect(out["too_many_bytes"] as? String == "ValidationException")
            #expect((out["tags"] as? [[String: String]]) == [["TagKey": "course", "TagValue": "kms"]])
            #expect((out["tags_after"] as? [[String: String]]) == [["TagKey": "term", "TagValue": "fall"]])
            #expect(out["reserved_tag"] as? String == "TagException")
            #expect(out["default_policy_principal"] as? String == "arn:aws:iam::111122223333:root")
            #expect(out["policy_names"] as? [String] == ["default"])
            #expect(out["malformed_policy"] as? String == "MalformedPolicyDocumentException")
            #expect(out["description"] as? String == "renamed")
            #expect(out["reserved_alias"] as? String == "NotAuthorizedException")
            #expect(out["duplicate_alias"] as? String == "AlreadyExistsException")
            #expect(out["alias_retargeted"] as? Bool == true)
            #expect(out["deleted_alias"] as? String == "NotFoundException")
            #expect(out["paged_keys_unique"] as? Bool == true)
            #expect(out["paginator_matches"] as? Bool == true)
            #expect(out["random_len"] as? Int == 17)
            #expect(out["unknown_key"] as? String == "NotFoundException")
        }
    }
}
