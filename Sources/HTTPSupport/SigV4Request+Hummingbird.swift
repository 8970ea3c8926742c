public import Hummingbird
public import SigV4

extension SigV4Request {
    /// The parts of a Hummingbird request that SigV4 signs: method, raw path and query exactly as received, and
    /// the headers, with `host` restored from the request's authority (HTTP/1 parsing moves it there).
    public init(_ request: Request) {
        let target = request.head.path ?? "/"
        let path: Substring
        let query: Substring
        if let questionMark = target.utf8.firstIndex(of: UInt8(ascii: "?")) {
            path = target[..<questionMark]
            query = target[target.utf8.index(after: questionMark)...]
        } else {
            path = Substring(target)
            query = ""
        }
        var headers: [(name: String, value: String)] = []
        headers.reserveCapacity(request.headers.count + 1)
        if let authority = request.head.authority {
            headers.append((name: "host", value: authority))
        }
        for field in request.headers {
            headers.append((name: field.name.canonicalName, value: field.value))
        }
        self.init(method: request.method.rawValue, path: String(path), query: String(query), headers: headers)
    }
}
