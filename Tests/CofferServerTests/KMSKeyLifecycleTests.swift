import CofferServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("KMS API: keys, aliases, rotation, deletion")
struct KMSKeyLifecycleTests {
    @Test("CreateKey and DescribeKey return the full KeyMetadata")
    func createAndDescribe() async throws {
        try await TestServer.run { kms in
            let created = try await kms.call(
                "CreateKey", ["Description": "orders", "Tags": [["TagKey": "team", "TagValue": "a"]]])
            #expect(created.status == .ok)
            #expect(created.headers[.init("x-amzn-RequestId")!]?.count == 36)
            let metadata = try #require(created.json["KeyMetadata"] as? [String: Any])
            let keyId = try #require(metadata["KeyId"] as? String)
            #expect(metadata["Arn"] as? String == "arn:aws:kms:us-east-1:111122223333:key/\(keyId)")
            #expect(metadata["AWSAccountId"] as? String == "111122223333")
            #expect(metadata["Enabled"] as? Bool == true)
            #expect(metadata["KeyState"] as? String == "Enabled")
            #expect(metadata["KeySpec"] as? String == "SYMMETRIC_DEFAULT")
            #expect(metadata["CustomerMasterKeySpec"] as? String == "SYMMETRIC_DEFAULT")
            #expect(metadata["KeyUsage"] as? String == "ENCRYPT_DECRYPT")
            #expect(metadata["KeyManager"] as? String == "CUSTOMER")
            #expect(metadata["Origin"] as? String == "AWS_KMS")
            #expect(metadata["MultiRegion"] as? Bool == false)
            #expect(metadata["EncryptionAlgorithms"] as? [String] == ["SYMMETRIC_DEFAULT"])
            #expect(metadata["CreationDate"] is Double)
            #expect((metadata["CurrentKeyMaterialId"] as? String)?.count == 64)
            #expect(metadata["DeletionDate"] == nil)
            #expect(metadata["SigningAlgorithms"] == nil)

            let described = try await kms.call("DescribeKey", ["KeyId": keyId])
            #expect((described.json["KeyMetadata"] as? [String: Any])?["Description"] as? String == "orders")
        }
    }

    @Test("ListKeys pages with Limit and Marker")
    func listKeysPaging() async throws {
        try await TestServer.run { kms in
            for index in 0..<3 { _ = try await kms.createKey(description: "key \(index)") }
            let first = try await kms.call("ListKeys", ["Limit": 2])
            #expect((first.json["Keys"] as? [Any])?.count == 2)
            #expect(first.json["Truncated"] as? Bool == true)
            let marker = try #require(first["NextMarker"])
            let second = try await kms.call("ListKeys", ["Limit": 2, "Marker": marker])
            #expect((second.json["Keys"] as? [Any])?.count == 1)
            #expect(second.json["Truncated"] as? Bool == false)
            #expect(second.json["NextMarker"] == nil)
        }
    }

    @Test("aliases: create, use, list, update, delete")
    func aliases() async throws {
        try await TestServer.run { kms in
            let first = try await kms.createKey()
            let second = try await kms.createKey()
            #expect(
                try await kms.call("CreateAlias", ["AliasName": "alias/orders", "TargetKeyId": first]).status == .ok)
            let encrypted = try await kms.call("Encrypt", ["KeyId": "alias/orders", "Plaintext": "aGk="])
            #expect(encrypted["KeyId"]?.hasSuffix(first) == true)

            let listed = try await kms.call("ListAliases", ["KeyId": first])
            let names = (listed.json["Aliases"] as? [[String: Any]])?.compactMap { $0["AliasName"] as? String }
            #expect(names == ["alias/orders"])

            #expect(
                try await kms.call("UpdateAlias", ["AliasName": "alias/orders", "TargetKeyId": second]).status == .ok)
            let described = try await kms.call("DescribeKey", ["KeyId": "alias/orders"])
            #expect((described.json["KeyMetadata"] as? [String: Any])?["KeyId"] as? String == second)

            #expect(try await kms.call("DeleteAlias", ["AliasName": "alias/orders"]).status == .ok)
            let gone = try await kms.call("DescribeKey", ["KeyId": "alias/orders"])
            #expect(gone.errorType == "NotFoundException")
        }
    }

    @Test("rotation: status, on-demand rotation, history, old ciphertext still decrypts")
    func rotation() async throws {
        try await TestServer.run { kms in
            let keyId = try await kms.createKey()
            let before = try await kms.call("Encrypt", ["KeyId": keyId, "Plaintext": "b2xk"])
            #expect(
                try await kms.call("EnableKeyRotation", ["KeyId": keyId, "RotationPeriodInDays": 90]).status == .ok)
            let status = try await kms.call("GetKeyRotationStatus", ["KeyId": keyId])
            #expect(status.json["KeyRotationEnabled"] as? Bool == true)
            #expect(status.json["RotationPeriodInDays"] as? Int == 90)
            #expect(status.json["NextRotationDate"] is Double)

            #expect(try await kms.call("RotateKeyOnDemand", ["KeyId": keyId]).status == .ok)
            let rotations = try await kms.call("ListKeyRotations", ["KeyId": keyId])
            let entries = try #require(rotations.json["Rotations"] as? [[String: Any]])
            #expect(entries.count == 1)
            #expect(entries.first?["RotationType"] as? String == "ON_DEMAND")

            let decrypted = try await kms.call("Decrypt", ["CiphertextBlob": before["CiphertextBlob"] ?? ""])
            #expect(decrypted["Plaintext"] == "b2xk")
            #expect(try await kms.call("DisableKeyRotation", ["KeyId": keyId]).status == .ok)
            let disabled = try await kms.call("GetKeyRotationStatus", ["KeyId": keyId])
            #expect(disabled.json["KeyRotationEnabled"] as? Bool == false)
        }
    }

    @Test("deletion: schedule, refused use, cancel leaves the key disabled, enable")
    func scheduleAndCancelDeletion() async throws {
        try await TestServer.run { kms in
            let keyId = try await kms.createKey()
            let scheduled = try await kms.call("ScheduleKeyDeletion", ["KeyId": keyId, "PendingWindowInDays": 7])
            #expect(scheduled["KeyState"] == "PendingDeletion")
            #expect(scheduled.json["PendingWindowInDays"] as? Int == 7)
            #expect(scheduled.json["DeletionDate"] is Double)
            #expect(scheduled["KeyId"]?.hasPrefix("arn:aws:kms:") == true)

            let refused = try await kms.call("Encrypt", ["KeyId": keyId, "Plaintext": "aGk="])
            #expect(refused.status == .badRequest)
            #expect(refused.errorType == "KMSInvalidStateException")
            #expect(refused.message?.hasSuffix("is pending deletion.") == true)

            let cancelled = try await kms.call("CancelKeyDeletion", ["KeyId": keyId])
            #expect(cancelled["KeyId"]?.hasSuffix(keyId) == true)
            let described = try await kms.call("DescribeKey", ["KeyId": keyId])
            #expect((described.json["KeyMetadata"] as? [String: Any])?["KeyState"] as? String == "Disabled")
            #expect(try await kms.call("EnableKey", ["KeyId": keyId]).status == .ok)
            #expect(try await kms.call("Encrypt", ["KeyId": keyId, "Plaintext": "aGk="]).status == .ok)
        }
    }

    @Test("tags, policies and description")
    func tagsPoliciesAndDescription() async throws {
        try await TestServer.run { kms in
            let keyId = try await kms.createKey()
            let tags = [["TagKey": "a", "TagValue": "1"], ["TagKey": "b", "TagValue": "2"]]
            #expect(try await kms.call("TagResource", ["KeyId": keyId, "Tags": tags]).status == .ok)
            #expect(try await kms.call("UntagResource", ["KeyId": keyId, "TagKeys": ["a"]]).status == .ok)
            let listed = try await kms.call("ListResourceTags", ["KeyId": keyId])
            #expect((listed.json["Tags"] as? [[String: String]]) == [["TagKey": "b", "TagValue": "2"]])
            #expect(listed.json["Truncated"] as? Bool == false)

            let policy = try await kms.call("GetKeyPolicy", ["KeyId": keyId, "PolicyName": "default"])
            #expect(policy["PolicyName"] == "default")
            #expect(policy["Policy"]?.contains("arn:aws:iam::111122223333:root") == true)
            let newPolicy =
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"kms:*","Resource":"*"}]}"#
            #expect(
                try await kms.call("PutKeyPolicy", ["KeyId": keyId, "PolicyName": "default", "Policy": newPolicy])
                    .status == .ok)
            let policies = try await kms.call("ListKeyPolicies", ["KeyId": keyId])
            #expect(policies.json["PolicyNames"] as? [String] == ["default"])

            #expect(try await kms.call("UpdateKeyDescription", ["KeyId": keyId, "Description": "new"]).status == .ok)
            let described = try await kms.call("DescribeKey", ["KeyId": keyId])
            #expect((described.json["KeyMetadata"] as? [String: Any])?["Description"] as? String == "new")
        }
    }
}
