/// Where the server's TLS certificate and private key come from (`coffer serve --tls-cert/--tls-key` or
/// `--tls-self-signed`).
public enum TLSSettings: Sendable, Equatable {
    /// PEM files the operator provides: the certificate chain (leaf first) and its private key.
    case files(certificate: String, privateKey: String)
    /// A P-256 key and a self-signed certificate for localhost, 127.0.0.1 and ::1 under `<data>/tls`, made on the first
    /// start and reused after (``SelfSignedCertificate``).
    case selfSigned

    /// `COFFER_TLS_CERT`: the certificate chain's PEM file (with `COFFER_TLS_KEY`).
    public static let certificateVariable = "COFFER_TLS_CERT"
    /// `COFFER_TLS_KEY`: the private key's PEM file (with `COFFER_TLS_CERT`).
    public static let privateKeyVariable = "COFFER_TLS_KEY"
    /// `COFFER_TLS_SELF_SIGNED`: `1` or `true` for ``selfSigned``.
    public static let selfSignedVariable = "COFFER_TLS_SELF_SIGNED"

    /// The settings the flags ask for, else those of the environment; nil for plain HTTP.
    /// - Throws: when only one of the certificate and the key is given, or files and self-signed are both asked for.
    public static func resolve(
        certificate: String?, privateKey: String?, selfSigned: Bool, environment: [String: String]
    ) throws(CofferConfigurationError) -> TLSSettings? {
        let nonEmpty = { (name: String) in environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let certificate = certificate ?? nonEmpty(certificateVariable)
        let privateKey = privateKey ?? nonEmpty(privateKeyVariable)
        let selfSigned = selfSigned || ["1", "true"].contains(nonEmpty(selfSignedVariable)?.lowercased())
        switch (certificate, privateKey) {
        case (nil, nil):
            return selfSigned ? .selfSigned : nil
        case (let certificate?, let privateKey?):
            guard !selfSigned else {
                throw CofferConfigurationError(
                    message: "Use either --tls-cert/--tls-key or --tls-self-signed, not both.")
            }
            return .files(certificate: certificate, privateKey: privateKey)
        default:
            throw CofferConfigurationError(message: "--tls-cert and --tls-key go together: give both or neither.")
        }
    }
}
