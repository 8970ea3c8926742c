import HTTPTypes

/// The headers of every console answer: a strict Content-Security-Policy (no inline script or style, nothing from
/// another origin, no framing), and the usual hardening headers.
enum ConsoleHeaders {
    /// The policy: scripts, styles and connections only from this server; images also as data/blob URLs (the
    /// public key download and charts); no plugins, forms only to this server, no `<base>`, no framing.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
        + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    /// The hardening headers, to add to an answer's headers.
    static func add(to fields: inout HTTPFields) {
        fields[HTTPField.Name("Content-Security-Policy")!] = contentSecurityPolicy
        fields[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        fields[HTTPField.Name("X-Frame-Options")!] = "DENY"
        fields[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        fields[HTTPField.Name("Cross-Origin-Opener-Policy")!] = "same-origin"
        fields[HTTPField.Name("Cross-Origin-Resource-Policy")!] = "same-origin"
    }
}
