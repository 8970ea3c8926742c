public import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A private PostgreSQL cluster on a free loopback port, with its data in a temporary folder: started with Debian's
/// `initdb` and `pg_ctl` by the test that uses it, stopped (and its folder removed) by the same test.
///
/// PostgreSQL refuses to run as root, so when the tests run as root (CI does) the cluster belongs to the `postgres`
/// user Debian's package creates, and every command runs through `runuser -u postgres`. Clients log in with a
/// password (SCRAM-SHA-256), as a real deployment would.
public final class PostgreSQL: Sendable {
    /// The superuser the cluster is created with.
    public static let user = "coffer"
    /// Its password.
    public static let password = "coffer-postgres-test-password"

    /// The loopback port the server listens on.
    public let port: Int
    /// The folder holding the cluster (`data/`), its unix socket, the password file and the log.
    public let directory: URL
    private let running = Mutex(false)
    /// The `postgres` process (or `runuser` running it) while it runs.
    private let server = Mutex<Process?>(nil)

    /// The folder of Debian's server programs (`initdb`, `pg_ctl`, `postgres`), nil when none is installed.
    public static let binaries: String? = findBinaries()

    /// True when PostgreSQL's server programs are installed.
    public static var isAvailable: Bool { binaries != nil }

    /// Whether tests that need PostgreSQL run: it is installed, or `COFFER_REQUIRE_INTEROP=1` (set by CI) makes a
    /// missing PostgreSQL a failure instead of a skip.
    public static let testsRun: Bool =
        ProcessInfo.processInfo.environment["COFFER_REQUIRE_INTEROP"] == "1" || isAvailable

    private init(port: Int, directory: URL) {
        self.port = port
        self.directory = directory
    }

    /// `postgres://coffer:PASSWORD@127.0.0.1:PORT/DATABASE`, the form `coffer serve --metadata` takes.
    public func url(database: String = "coffer") -> String {
        "postgres://\(Self.user):\(Self.password)@127.0.0.1:\(port)/\(database)"
    }

    /// Creates a cluster, starts it and creates the database `coffer` (and any of `databases`).
    public static func start(databases: [String] = []) async throws -> PostgreSQL {
        guard binaries != nil else { throw PostgreSQLError("PostgreSQL is not installed (apt-get install postgresql)") }
        let directory = URL(fileURLWithPath: "/tmp/coffer-pg-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let port = try LoopbackPorts.pairs(count: 1)[0]
        let server = PostgreSQL(port: port, directory: directory)
        do {
            try server.giveToServerUser(directory.path)
            let passwordFile = directory.appendingPathComponent("password").path
            try Data(password.utf8).write(to: URL(fileURLWithPath: passwordFile))
            try server.giveToServerUser(passwordFile)
            try server.run(
                "initdb",
                [
                    "-D", server.dataPath, "-U", user, "--pwfile=\(passwordFile)", "-A", "scram-sha-256",
                    "-E", "UTF8", "--no-sync", "--no-instructions",
                ])
            try server.startServer()
            for database in ["coffer"] + databases { try server.createDatabase(database) }
        } catch {
            server.stop()
            throw error
        }
        return server
    }

    /// Creates an empty database named `name`.
    public func createDatabase(_ name: String) throws {
        try psql("CREATE DATABASE \"\(name)\"", database: "postgres")
    }

    /// Runs one SQL statement through `psql` as the superuser on the database `coffer`; returns its unaligned output.
    @discardableResult
    public func psql(_ sql: String, database: String = "coffer") throws -> String {
        try command(
            "/usr/bin/psql",
            [
                "-h", "127.0.0.1", "-p", "\(port)", "-U", Self.user, "-d", database, "-v", "ON_ERROR_STOP=1", "-At",
                "-c", sql,
            ],
            environment: ["PGPASSWORD": Self.password], asServerUser: false)
    }

    /// Starts the stopped server again on the same port (a PostgreSQL restart as the tests see it).
    public func restart() throws {
        try startServer()
    }

    /// Stops the server (fast shutdown: clients are cut, committed work is kept) and keeps its folder.
    public func halt() {
        guard
            running.withLock({
                let was = $0
                $0 = false
                return was
            })
        else { return }
        _ = try? run("pg_ctl", ["-D", dataPath, "-m", "fast", "-w", "-t", "30", "stop"])
        if let process = server.withLock({ $0.take() }) {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
    }

    /// Stops the server and removes its folder.
    public func stop() {
        halt()
        try? FileManager.default.removeItem(at: directory)
    }

    /// The server's log so far, for failure messages.
    public var log: String {
        (try? String(contentsOf: directory.appendingPathComponent("server.log"), encoding: .utf8)) ?? ""
    }

    private var dataPath: String { directory.appendingPathComponent("data").path }

    /// Starts `postgres` in the foreground as this process's child and waits (at most 60 s) until it accepts
    /// connections.
    ///
    /// Not `pg_ctl start`: the server it leaves running inherits Foundation's process-termination socket, so
    /// `Process.waitUntilExit()` on `pg_ctl` never returned here. `pg_ctl stop` stops the child, which then exits.
    private func startServer() throws {
        let process = Process()
        let arguments = [
            (Self.binaries ?? "") + "/postgres", "-D", dataPath, "-p", "\(port)", "-k", directory.path,
            "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200",
        ]
        if geteuid() == 0 {
            process.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
            process.arguments = ["-u", "postgres", "--"] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: arguments[0])
            process.arguments = Array(arguments.dropFirst())
        }
        let logURL = directory.appendingPathComponent("server.log")
        if !FileManager.default.fileExists(atPath: logURL.path) {
            FileManager.default.createFile(atPath: logURL.path, contents: nil)
        }
        let log = try FileHandle(forWritingTo: logURL)
        try log.seekToEnd()
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? log.close()
        server.withLock { $0 = process }
        running.withLock { $0 = true }
        // Bounded: 300 checks, 200 ms apart.
        for _ in 0..<300 where process.isRunning {
            let ready = try? command(
                "/usr/bin/pg_isready", ["-q", "-h", "127.0.0.1", "-p", "\(port)"], environment: [:],
                asServerUser: false)
            if ready != nil { return }
            usleep(200_000)
        }
        halt()
        throw PostgreSQLError("PostgreSQL did not start:\n\(self.log.suffix(4000))")
    }

    /// Runs one of PostgreSQL's server programs, as the `postgres` user when the tests run as root.
    @discardableResult
    private func run(_ program: String, _ arguments: [String]) throws -> String {
        try command((Self.binaries ?? "") + "/" + program, arguments, environment: [:], asServerUser: true)
    }

    private func command(
        _ executable: String, _ arguments: [String], environment: [String: String], asServerUser: Bool
    ) throws -> String {
        let process = Process()
        if asServerUser && geteuid() == 0 {
            process.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
            process.arguments = ["-u", "postgres", "--", executable] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
        }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.currentDirectoryURL = directory
        // A file, not a pipe: the server `pg_ctl start` leaves running inherits the command's output, so a pipe's
        // reader would wait for the server to exit.
        let outputURL = directory.appendingPathComponent("command-\(UUID().uuidString.prefix(8)).out")
        FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        let output = try FileHandle(forWritingTo: outputURL)
        defer { try? FileManager.default.removeItem(at: outputURL) }
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? output.close()
        process.waitUntilExit()
        let text = (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 else {
            throw PostgreSQLError(
                "\((executable as NSString).lastPathComponent) failed (\(process.terminationStatus)): \(text)")
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Makes `path` the `postgres` user's when the tests run as root (PostgreSQL will not run as root).
    private func giveToServerUser(_ path: String) throws {
        guard geteuid() == 0 else { return }
        guard let account = getpwnam("postgres") else {
            throw PostgreSQLError("no postgres user: install Debian's postgresql package")
        }
        guard chown(path, account.pointee.pw_uid, account.pointee.pw_gid) == 0 else {
            throw PostgreSQLError("chown \(path) failed (errno \(errno))")
        }
    }

    /// The newest `/usr/lib/postgresql/<version>/bin` with `initdb`, when `psql` is installed too.
    private static func findBinaries() -> String? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/psql") else { return nil }
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        let sorted = versions.compactMap { Int($0) }.sorted(by: >)
        for version in sorted where FileManager.default.isExecutableFile(atPath: "\(root)/\(version)/bin/initdb") {
            return "\(root)/\(version)/bin"
        }
        return nil
    }
}

/// PostgreSQL could not be found, started or driven.
public struct PostgreSQLError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
