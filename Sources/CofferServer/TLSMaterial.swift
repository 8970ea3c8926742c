import Foundation
import NIOSSL

/// The TLS configuration the server serves with, made from ``TLSSettings``: the files are read and checked (the key
/// must match the certificate) before the server starts, so a bad file is a clear start-up error.
struct TLSMaterial: Sendable {
    /// The server's TLS configuration.
    let configuration: TLSConfiguration
    /// The certificate clients should trust when it is self-signed; nil for the operator's own files.
    let trustPath: String?

    /// Loads the files `settings` name; for ``TLSSettings/selfSigned``, makes them first under `<dataDirectory>/tls`.
    /// - Throws: ``CofferConfigurationError`` naming the file and what is wrong with it.
    static func load(_ settings: TLSSettings, dataDirectory: String) throws -> TLSMaterial {
        switch settings {
        case .files(let certificate, let privateKey):
            return TLSMaterial(
                configuration: try configuration(certificate: certificate, privateKey: privateKey), trustPath: nil)
        case .selfSigned:
            let files = SelfSignedCertificate(dataDirectory: dataDirectory)
            do { try files.prepare() } catch {
                throw CofferConfigurationError(message: "Cannot create the self-signed TLS certificate: \(error)")
            }
            return TLSMaterial(
                configuration: try configuration(certificate: files.certificatePath, privateKey: files.privateKeyPath),
                trustPath: files.certificatePath)
        }
    }

    /// A server configuration of the PEM files, checked by making a TLS context of it.
    static func configuration(certificate: String, privateKey: String) throws -> TLSConfiguration {
        let chain: [NIOSSLCertificate]
        do { chain = try NIOSSLCertificate.fromPEMFile(certificate) } catch {
            throw CofferConfigurationError(
                message: "Cannot read the TLS certificate \(certificate): \(reason(error, path: certificate))")
        }
        guard !chain.isEmpty else {
            throw CofferConfigurationError(message: "The TLS certificate \(certificate) holds no PEM certificate.")
        }
        let key: NIOSSLPrivateKey
        do { key = try NIOSSLPrivateKey(file: privateKey, format: .pem) } catch {
            throw CofferConfigurationError(
                message: "Cannot read the TLS private key \(privateKey): \(reason(error, path: privateKey))")
        }
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        do { _ = try NIOSSLContext(configuration: configuration) } catch {
            throw CofferConfigurationError(
                message: "The TLS private key \(privateKey) does not match the certificate \(certificate) (\(error)).")
        }
        return configuration
    }

    /// "no such file" for a missing file, else "not a PEM ..." with NIOSSL's words.
    private static func reason(_ error: any Error, path: String) -> String {
        FileManager.default.isReadableFile(atPath: path) ? "not valid PEM (\(error))" : "no such readable file"
    }
}
