import NIOSSL
import PostgresNIO

/// Where a PostgreSQL database is: the parts of a `postgres://USER:PASSWORD@HOST:PORT/DATABASE` URL.
///
/// `postgresql://` is accepted too, and `?sslmode=disable|prefer|require` (default `prefer`, as libpq's). The
/// password is never part of ``description``, so a location can be logged.
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public enum TLSMode: String, Sendable { case disable, prefer, require }

    public let host: String
    public let port: Int
    public let user: String
    public let password: String?
    public let database: String
    public let tlsMode: TLSMode

    /// Parses `url`; throws ``PostgresLocationError`` naming what is wrong (never echoing the password).
    public init(url: String) throws(PostgresLocationError) {
        let schemes = ["postgres://", "postgresql://"]
        guard let scheme = schemes.first(where: { url.hasPrefix($0) }) else {
            throw PostgresLocationError(
                "the metadata URL must start with postgres:// (postgres://USER:PASSWORD@HOST:PORT/DB)")
        }
        var rest = Substring(url.dropFirst(scheme.count))
        var query = ""
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = rest[..<mark]
        }
        guard let slash = rest.firstIndex(of: "/") else { throw PostgresLocationError("the URL names no database") }
        let database = String(rest[rest.index(after: slash)...])
        guard !database.isEmpty else { throw PostgresLocationError("the URL names no database") }
        var authority = rest[..<slash]
        var user = "postgres"
        var password: String?
        if let at = authority.lastIndex(of: "@") {
            let credentials = authority[..<at]
            authority = authority[authority.index(after: at)...]
            if let colon = credentials.firstIndex(of: ":") {
                user = Self.decode(credentials[..<colon])
                password = Self.decode(credentials[credentials.index(after: colon)...])
            } else {
                user = Self.decode(credentials)
            }
        }
        var host = String(authority)
        var port = 5432
        if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
            guard let number = Int(authority[authority.index(after: colon)...]), (1...65535).contains(number) else {
                throw PostgresLocationError("the URL's port is not a number from 1 to 65535")
            }
            port = number
            host = String(authority[..<colon])
        }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw PostgresLocationError("the URL names no host") }
        var tlsMode = TLSMode.prefer
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, parts[0] == "sslmode" else { continue }
            guard let mode = TLSMode(rawValue: parts[1]) else {
                throw PostgresLocationError("sslmode must be disable, prefer or require")
            }
            tlsMode = mode
        }
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = Self.decode(Substring(database))
        self.tlsMode = tlsMode
    }

    /// `postgres://USER@HOST:PORT/DATABASE`, without the password.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    /// The client configuration: TLS as `sslmode` says, a 2 s connect timeout.
    var clientConfiguration: PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS =
            switch tlsMode {
            case .disable: .disable
            case .prefer: .prefer(.makeClientConfiguration())
            case .require: .require(.makeClientConfiguration())
            }
        var configuration = PostgresClient.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: tls)
        configuration.options.connectTimeout = .seconds(2)
        return configuration
    }

    /// Percent-decodes a URL part (a password may hold `@` or `:` written as `%40`, `%3A`).
    private static func decode(_ part: Substring) -> String {
        var bytes: [UInt8] = []
        var iterator = Array(part.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next(),
                let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A `postgres://` URL that cannot be used.
public struct PostgresLocationError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

extension PostgresLocation {
    /// The configuration of a single connection outside the pool (the change feed's `LISTEN` connection).
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS =
            switch tlsMode {
            case .disable: .disable
            case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
            case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: user, password: password, database: database, tls: tls)
        configuration.options.connectTimeout = .seconds(2)
        return configuration
    }
}
