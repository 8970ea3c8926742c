import Crypto
import Foundation

@testable import KMS

extension Fixture {
    /// A new customer managed key of `spec` and `usage`.
    static func key(_ kms: KeyManagementService, spec: KeySpec, usage: KeyUsage) async throws -> KeyMetadata {
        try await kms.createKey(CreateKeyRequest(keyUsage: usage, keySpec: spec), caller: caller)
    }

    /// Every (key spec, signing algorithm) pair Coffer supports.
    static let signingPairs: [(KeySpec, SigningAlgorithm)] = [
        (.rsa2048, .rsassaPkcs1V15Sha256), (.rsa2048, .rsassaPkcs1V15Sha384), (.rsa2048, .rsassaPkcs1V15Sha512),
        (.rsa2048, .rsassaPssSha256), (.rsa2048, .rsassaPssSha384), (.rsa2048, .rsassaPssSha512),
        (.eccNistP256, .ecdsaSha256), (.eccNistP384, .ecdsaSha384), (.eccNistP521, .ecdsaSha512),
        (.eccSecgP256k1, .ecdsaSha256),
    ]

    /// The hash of `message` with the algorithm's hash function, as a caller computes a DIGEST message.
    static func digest(_ message: [UInt8], _ algorithm: SigningAlgorithm) -> [UInt8] {
        switch algorithm.hash {
        case .sha256: Array(SHA256.hash(data: message))
        case .sha384: Array(SHA384.hash(data: message))
        case .sha512: Array(SHA512.hash(data: message))
        }
    }
}
