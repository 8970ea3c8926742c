import Crypto
package import Foundation
import KMS
import SwiftASN1
import X509

/// The certificate of `coffer serve --tls-self-signed`: a P-256 ECDSA key (`key.pem`, mode 0600) and a self-signed
/// certificate (`cert.pem`) for `localhost`, `127.0.0.1` and `::1`, under `<data>/tls`.
///
/// The certificate is its own trust anchor: clients trust it with `AWS_CA_BUNDLE=<data>/tls/cert.pem`,
/// `curl --cacert` or boto3's `verify=`. OpenSSL 3 (curl, Python's `ssl`, the aws CLI) accepts a self-signed leaf as
/// an anchor when it is a CA (basicConstraints CA:TRUE) with keyCertSign, and as a server when it has digitalSignature,
/// serverAuth and a subjectAltName matching the host; Python 3.13's strict checks also want the key identifiers.
package struct SelfSignedCertificate: Sendable {
    /// The certificate's PEM file.
    package let certificatePath: String
    /// The private key's PEM file (mode 0600).
    package let privateKeyPath: String

    /// The files under `<dataDirectory>/tls`.
    package init(dataDirectory: String) {
        let folder = (dataDirectory as NSString).appendingPathComponent("tls")
        self.certificatePath = (folder as NSString).appendingPathComponent("cert.pem")
        self.privateKeyPath = (folder as NSString).appendingPathComponent("key.pem")
    }

    /// How long a new certificate is valid.
    static let validity: TimeInterval = 397 * 24 * 3600

    /// Reuses the key and certificate when both exist, otherwise makes new ones.
    /// - Returns: true when new ones were made.
    /// - Throws: when the folder or the files cannot be written.
    @discardableResult
    package func prepare(now: Date = Date()) throws -> Bool {
        let files = FileManager.default
        if files.fileExists(atPath: certificatePath), files.fileExists(atPath: privateKeyPath) { return false }
        try? files.removeItem(atPath: certificatePath)
        try? files.removeItem(atPath: privateKeyPath)
        try SecureFile.createDirectory(atPath: (certificatePath as NSString).deletingLastPathComponent)
        let key = P256.Signing.PrivateKey()
        let certificate = try Self.makeCertificate(key: key, now: now)
        try SecureFile.create(atPath: privateKeyPath, contents: Array(key.pemRepresentation.utf8))
        let pem = try certificate.serializeAsPEM().pemString + "\n"
        try Data(pem.utf8).write(to: URL(fileURLWithPath: certificatePath), options: .atomic)
        return true
    }

    /// The self-signed certificate of `key`, valid from an hour before `now` (clock skew) for ``validity``.
    static func makeCertificate(key: P256.Signing.PrivateKey, now: Date) throws -> Certificate {
        let name = try DistinguishedName {
            OrganizationName("Coffer")
            CommonName("localhost")
        }
        let publicKey = Certificate.PublicKey(key.publicKey)
        let keyIdentifier = SubjectKeyIdentifier(hash: publicKey)
        let extensions = try Certificate.Extensions {
            Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
            Critical(KeyUsage(digitalSignature: true, keyCertSign: true))
            try ExtendedKeyUsage([.serverAuth])
            keyIdentifier
            AuthorityKeyIdentifier(keyIdentifier: keyIdentifier.keyIdentifier)
            SubjectAlternativeNames([
                .dnsName("localhost"),
                .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])),
                .ipAddress(ASN1OctetString(contentBytes: ArraySlice(Array(repeating: 0, count: 15) + [1]))),
            ])
        }
        return try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: publicKey,
            notValidBefore: now - 3600, notValidAfter: now + validity, issuer: name, subject: name,
            signatureAlgorithm: .ecdsaWithSHA256, extensions: extensions, issuerPrivateKey: Certificate.PrivateKey(key))
    }
}
