import Crypto
import Dispatch

extension KeyManagementService {
    /// Runs slow CPU-bound work off Swift's cooperative pool: RSA key generation takes from tens of milliseconds
    /// (RSA_2048) to seconds (RSA_4096), and on a two-core machine the pool has two threads that every request
    /// shares. EC and HMAC keys take microseconds and are made in place.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(returning: work()) }
        }
    }

    /// New material for a key of `spec`, generated off the cooperative pool when it is an RSA key.
    static func newMaterialOffPool(spec: KeySpec, usage: KeyUsage) async throws(KMSError) -> (KeyMaterial, SymmetricKey)
    {
        guard spec.isRSA else { return try newMaterial(spec: spec, usage: usage) }
        return try await offPool { Result { () throws(KMSError) in try newMaterial(spec: spec, usage: usage) } }.get()
    }
}
