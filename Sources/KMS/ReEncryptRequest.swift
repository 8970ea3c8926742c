/// The input of ReEncrypt.
public struct ReEncryptRequest: Sendable {
    public var ciphertextBlob: [UInt8]
    public var sourceEncryptionContext: [String: String]
    public var sourceKeyId: String?
    public var destinationKeyId: String
    public var destinationEncryptionContext: [String: String]
    public var sourceEncryptionAlgorithm: String?
    public var destinationEncryptionAlgorithm: String?
    public init(
        ciphertextBlob: [UInt8], sourceEncryptionContext: [String: String] = [:], sourceKeyId: String? = nil,
        destinationKeyId: String, destinationEncryptionContext: [String: String] = [:],
        sourceEncryptionAlgorithm: String? = nil, destinationEncryptionAlgorithm: String? = nil
    ) {
        self.ciphertextBlob = ciphertextBlob
        self.sourceEncryptionContext = sourceEncryptionContext
        self.sourceKeyId = sourceKeyId
        self.destinationKeyId = destinationKeyId
        self.destinationEncryptionContext = destinationEncryptionContext
        self.sourceEncryptionAlgorithm = sourceEncryptionAlgorithm
        self.destinationEncryptionAlgorithm = destinationEncryptionAlgorithm
    }
}
