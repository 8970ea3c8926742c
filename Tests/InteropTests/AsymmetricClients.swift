import Foundation

extension Interop {
    /// The openssl CLI, if installed.
    static let openssl = Shell.which("openssl")
    /// A python3 that can import boto3 and `cryptography`, if installed.
    static let cryptographyPython: String? = {
        guard let python = boto3Python else { return nil }
        let probe = try? Shell.run(python, ["-c", "import cryptography"], timeout: 30)
        return probe?.status == 0 ? python : nil
    }()
}

/// The openssl CLI on files in one scratch folder.
struct OpenSSL {
    let directory: URL

    /// Runs `openssl <arguments>` in the folder and returns the result.
    func run(_ arguments: [String]) throws -> Shell.Result {
        let openssl = try requireOpenSSL()
        return try Shell.run("/bin/sh", ["-c", "cd \"$0\" && exec \"$@\"", directory.path, openssl] + arguments)
    }

    /// Writes `bytes` to `name` in the folder.
    func write(_ name: String, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: directory.appendingPathComponent(name))
    }

    /// Reads `name` from the folder.
    func read(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: directory.appendingPathComponent(name)))
    }

    private func requireOpenSSL() throws -> String {
        guard let openssl = Interop.openssl else { throw InteropError("the openssl CLI is not installed") }
        return openssl
    }
}
