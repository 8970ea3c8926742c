import Foundation
import KMS

/// `KeyMetadata` with AWS's member names; the algorithm lists appear only when non-empty, and
/// `CurrentKeyMaterialId` only for symmetric keys (as AWS).
struct KeyMetadataShape: Encodable {
    var awsAccountId: String
    var keyId: String
    var arn: String
    var creationDate: Double
    var enabled: Bool
    var description: String
    var keyUsage: String
    var keyState: String
    var deletionDate: Double?
    var pendingDeletionWindowInDays: Int?
    var origin: String
    var keyManager: String
    var customerMasterKeySpec: String
    var keySpec: String
    var encryptionAlgorithms: [String]?
    var signingAlgorithms: [String]?
    var macAlgorithms: [String]?
    var multiRegion = false
    var currentKeyMaterialId: String?

    enum CodingKeys: String, CodingKey {
        case awsAccountId = "AWSAccountId"
        case keyId = "KeyId"
        case arn = "Arn"
        case creationDate = "CreationDate"
        case enabled = "Enabled"
        case description = "Description"
        case keyUsage = "KeyUsage"
        case keyState = "KeyState"
        case deletionDate = "DeletionDate"
        case pendingDeletionWindowInDays = "PendingDeletionWindowInDays"
        case origin = "Origin"
        case keyManager = "KeyManager"
        case customerMasterKeySpec = "CustomerMasterKeySpec"
        case keySpec = "KeySpec"
        case encryptionAlgorithms = "EncryptionAlgorithms"
        case signingAlgorithms = "SigningAlgorithms"
        case macAlgorithms = "MacAlgorithms"
        case multiRegion = "MultiRegion"
        case currentKeyMaterialId = "CurrentKeyMaterialId"
    }

    init(_ metadata: KeyMetadata) {
        self.awsAccountId = metadata.accountId
        self.keyId = metadata.keyId
        self.arn = metadata.arn
        self.creationDate = KMSWire.timestamp(metadata.creationDate)
        self.enabled = metadata.enabled
        self.description = metadata.description
        self.keyUsage = metadata.keyUsage.rawValue
        self.keyState = metadata.keyState.rawValue
        self.deletionDate = metadata.deletionDate.map(KMSWire.timestamp)
        self.pendingDeletionWindowInDays = metadata.pendingDeletionWindowInDays
        self.origin = metadata.origin
        self.keyManager = metadata.keyManager.rawValue
        self.customerMasterKeySpec = metadata.keySpec.rawValue
        self.keySpec = metadata.keySpec.rawValue
        self.encryptionAlgorithms = metadata.encryptionAlgorithms.isEmpty ? nil : metadata.encryptionAlgorithms
        self.signingAlgorithms = metadata.signingAlgorithms.isEmpty ? nil : metadata.signingAlgorithms
        self.macAlgorithms = metadata.macAlgorithms.isEmpty ? nil : metadata.macAlgorithms
        self.currentKeyMaterialId = metadata.currentKeyMaterialId.isEmpty ? nil : metadata.currentKeyMaterialId
    }
}

/// `{"KeyMetadata": …}`: the output of CreateKey and DescribeKey.
struct KeyMetadataOutput: Encodable {
    var keyMetadata: KeyMetadataShape

    enum CodingKeys: String, CodingKey { case keyMetadata = "KeyMetadata" }

    init(_ metadata: KeyMetadata) {
        self.keyMetadata = KeyMetadataShape(metadata)
    }
}
