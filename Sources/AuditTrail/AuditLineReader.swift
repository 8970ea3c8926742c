import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a JSON-lines file in fixed-size chunks, line by line, without loading it whole.
enum AuditLineReader {
    private static let chunkSize = 64 * 1024

    /// Calls `body` with every newline-terminated line of `path`, without its newline.
    ///
    /// - Returns: true when the file ends with an unterminated fragment (a line torn by a crash, or one being
    ///   written right now), which is not passed to `body`.
    static func forEachLine(path: String, _ body: (Data) -> Void) throws(AuditTrailError) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .cannotRead(path, errno: errno) }
        defer { _ = close(fd) }
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var partial = Data()
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw .cannotRead(path, errno: errno) }
            if count == 0 { break }
            var start = 0
            for index in 0..<count where chunk[index] == 0x0A {
                partial.append(contentsOf: chunk[start..<index])
                body(partial)
                partial.removeAll(keepingCapacity: true)
                start = index + 1
            }
            partial.append(contentsOf: chunk[start..<count])
        }
        return !partial.isEmpty
    }
}
