import Crypto
public import Foundation
import SigV4
import TextCodings

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A minimal HTTP client that signs every request with SigV4, as the aws CLI and boto3 do: `coffer demo` and the
/// console's experiment drive a Coffer server with it.
///
/// It sends over Foundation's `URLSession` (libcurl on Linux), so the server sees a real TCP connection and a real
/// `Authorization` header. The payload hash is the body's SHA-256, sent as `x-amz-content-sha256` to S3.
public struct SignedHTTPClient: Sendable {
    /// One answer: status, headers (lower-cased names) and body.
    public struct Answer: Sendable {
        public var status: Int
        public var headers: [String: String]
        public var body: Data

        /// The header's value, by lower-case name.
        public func header(_ name: String) -> String? { headers[name] }
    }

    /// The server's base address, `http://127.0.0.1:<port>`.
    public let endpoint: URL
    let accessKeyId: String
    let secretAccessKey: String
    public let region: String
    private let session: URLSession

    /// Creates a client of `endpoint` keeping at most `connections` connections open.
    public init(endpoint: URL, accessKeyId: String, secretAccessKey: String, region: String, connections: Int) {
        self.endpoint = endpoint
        self.accessKeyId = accessKeyId
        self.secretAccessKey = secretAccessKey
        self.region = region
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = connections
        configuration.timeoutIntervalForRequest = 30
        self.session = URLSession(configuration: configuration)
    }

    /// Sends one request signed for `service` ("s3" or "kms"); `path` is already percent-encoded.
    public func send(
        _ method: String, path: String, query: String = "", headers: [(String, String)] = [], body: Data = Data(),
        service: String
    ) async throws -> Answer {
        let host = "\(endpoint.host ?? "127.0.0.1"):\(endpoint.port ?? 80)"
        let unsigned = SigV4Request(method: method, path: path, query: query, headers: [("host", host)] + headers)
        let signer = SigV4Signer(
            accessKeyId: accessKeyId, secretAccessKey: secretAccessKey, region: region, service: service)
        let signed = signer.sign(
            unsigned, payloadHash: Hex.encode(SHA256.hash(data: body)),
            addContentSHA256Header: service == "s3")
        var request = URLRequest(url: URL(string: endpoint.absoluteString + path + (query.isEmpty ? "" : "?" + query))!)
        request.httpMethod = method
        for (name, value) in signed.headers where name.lowercased() != "host" {
            request.setValue(value, forHTTPHeaderField: name)
        }
        if !body.isEmpty || method == "PUT" || method == "POST" { request.httpBody = body }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else {
            throw SignedHTTPClientError(description: "no HTTP answer from \(endpoint)")
        }
        var answerHeaders: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { answerHeaders[name.lowercased()] = value }
        }
        return Answer(status: http.statusCode, headers: answerHeaders, body: data)
    }

    /// Closes the connections.
    public func shutdown() {
        session.finishTasksAndInvalidate()
    }
}

/// The server sent something that is not an HTTP answer.
public struct SignedHTTPClientError: Error, CustomStringConvertible {
    public let description: String
}
