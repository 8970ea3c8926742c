import Foundation

extension CofferProcess {
    /// The server's peak resident set size so far, in bytes: `VmHWM` in `/proc/<pid>/status` (Linux).
    func peakResidentBytes() throws -> Int {
        guard let pid = processIdentifier else { throw InteropError("coffer is not running") }
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kibibytes = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first
                .flatMap({ Int($0) })
        else { throw InteropError("no VmHWM line in /proc/\(pid)/status") }
        return kibibytes * 1024
    }
}
