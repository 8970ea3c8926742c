import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The console against a real `coffer serve`: in Debian's Chromium driven by Selenium, and its live stream over a
/// real connection.
@Suite("Console in a real browser and process")
struct ConsoleInteropTests {
    /// A python3 with Selenium, and Debian's browser and driver (`.ci/run` installs them all).
    static let selenium: String? = {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium"),
            FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver")
        else { return nil }
        return Interop.python(importing: "selenium")
    }()

    /// Where the browser test saves its screenshots: `.build/console-screenshots/` of the package.
    static let screenshots = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/console-screenshots")

    /// Every check of `console_browser.py` (sign-in, key, bucket, upload, experiment, disabled key, audit, XSS, IAM
    /// user, CSP, keyboard, small screens), each an `ok` line; one `not ok` fails the test.
    @Test(.enabled(if: Interop.enabled(selenium), "python3 with selenium, chromium or chromedriver is missing"))
    func consoleWorksInChromium() async throws {
        let python = try #require(Self.selenium, "python3 with selenium, chromium or chromedriver is missing")
        let script = try #require(
            Bundle.module.url(forResource: "console_browser", withExtension: "py", subdirectory: "Scripts"))
        let users = try #require(
            Bundle.module.url(forResource: "console_users", withExtension: "json", subdirectory: "Scripts"))
        let user = try Self.firstUser(users)
        let server = try CofferProcess(extraArguments: ["--users", users.path])
        defer { server.stop() }
        try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        var environment = Interop.awsClientEnvironment
        environment["COFFER_ENDPOINT"] = server.endpoint
        environment["COFFER_ACCESS_KEY_ID"] = CofferProcess.accessKeyId
        environment["COFFER_SECRET_ACCESS_KEY"] = CofferProcess.secretAccessKey
        environment["COFFER_USER_ACCESS_KEY_ID"] = user.accessKeyId
        environment["COFFER_USER_SECRET_ACCESS_KEY"] = user.secret
        environment["SCREENSHOT_DIR"] = Self.screenshots.path
        environment["SE_OFFLINE"] = "true"
        let result = try await Shell.run(python, [script.path], environment: environment, timeout: 300)
        let failures = result.stdout.split(separator: "\n").filter { $0.hasPrefix("not ok") }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        #expect(
            result.status == 0,
            "console_browser.py exited \(result.status)\n\(result.stdout)\n\(result.stderr)\nserver:\n\(server.output)")
        #expect(result.stdout.contains("ok - "), "no check ran:\n\(result.stdout)\n\(result.stderr)")
    }

    /// An open live stream does not hold up a graceful shutdown: SIGTERM ends the stream cleanly within a few seconds
    /// (each stream checks for shutdown at every tick), rather than after the stream's ten-minute lifetime.
    @Test(.enabled(if: Interop.enabled(Interop.curl), "curl is not installed"))
    func liveStreamEndsOnGracefulShutdown() async throws {
        let curl = try #require(Interop.curl)
        let server = try CofferProcess()
        defer { server.stop() }
        let banner = "console:       \(server.endpoint)/_coffer/console/"
        #expect(server.output.contains(banner), "the banner names the console")
        let output = server.dataDirectory.appendingPathComponent("live.txt")
        FileManager.default.createFile(atPath: output.path, contents: nil)
        let stream = Process()
        stream.executableURL = URL(fileURLWithPath: curl)
        stream.arguments = [
            "-sS", "-N", "--max-time", "60", "--aws-sigv4", "aws:amz:\(CofferProcess.region):s3", "--user",
            "\(CofferProcess.accessKeyId):\(CofferProcess.secretAccessKey)", "-o", output.path,
            "\(server.endpoint)/_coffer/console/api/live",
        ]
        let exited = try stream.runAndAwaitExit()
        defer { if stream.isRunning { stream.terminate() } }
        // Bounded: the first event is sent at once; allow 10 s for a loaded machine.
        var events = 0
        for _ in 0..<200 where events < 2 {
            events =
                ((try? String(contentsOf: output, encoding: .utf8)) ?? "").components(separatedBy: "data: ").count - 1
            if events < 2 { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(events >= 2, "the live stream sent \(events) events in 10 s")
        let start = ContinuousClock.now
        server.stop(signal: SIGTERM)
        let shutdown = ContinuousClock.now - start
        await exited()
        #expect(shutdown < .seconds(10), "the server took \(shutdown) to stop with a live stream open")
        #expect(
            stream.terminationStatus == 0, "curl exited \(stream.terminationStatus): the stream did not end cleanly")
    }

    /// The first user of a `--users` document: its access key id and secret.
    static func firstUser(_ file: URL) throws -> (accessKeyId: String, secret: String) {
        let document = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
        let first = try #require((document?["users"] as? [[String: Any]])?.first)
        return (try #require(first["accessKeyId"] as? String), try #require(first["secretAccessKey"] as? String))
    }
}
