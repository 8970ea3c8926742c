import Foundation
import Testing

extension RealClients.BucketKeyLecture {
    /// docs/walkthrough.md, run: its ```sh blocks, in order, as one bash script with `set -euo pipefail`.
    ///
    /// The document's first block starts the server in the background and sets a trap that stops it; its checks
    /// (`| grep ...`, `test ...`) are ordinary commands, so a failing one fails the script. The test provides what a
    /// teacher's terminal would have: the built `coffer` on PATH, a free PORT, a DATA folder, and no aws profile.
    @Suite(
        .enabled(
            if: Interop.enabled(Interop.aws) && Interop.enabled(Interop.curl) && Interop.enabled(Interop.sqlite3)
                && Interop.enabled(Interop.openssl),
            "the aws CLI, curl, sqlite3 or openssl is not installed"))
    struct WalkthroughTests {
        static let document = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/walkthrough.md")

        /// The bodies of the fenced code blocks whose info string is exactly `sh`, in document order.
        static func shellBlocks(_ markdown: String) -> [String] {
            var blocks: [String] = []
            var current: [Substring]?
            for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
                if let lines = current {
                    if line.trimmingCharacters(in: .whitespaces) == "```" {
                        blocks.append(lines.joined(separator: "\n"))
                        current = nil
                    } else {
                        current = lines + [line]
                    }
                } else if line.trimmingCharacters(in: .whitespaces) == "```sh" {
                    current = []
                }
            }
            return blocks
        }

        @Test func shellBlocksAreTakenInOrderAndOthersAreSkipped() {
            let markdown = "text\n```sh\necho one\necho two\n```\n```python\nprint(3)\n```\n```sh\necho four\n```\n"
            #expect(Self.shellBlocks(markdown) == ["echo one\necho two", "echo four"])
        }

        @Test func everyCommandOfTheWalkthroughRuns() async throws {
            let markdown = try String(contentsOf: Self.document, encoding: .utf8)
            let blocks = Self.shellBlocks(markdown)
            try #require(blocks.count >= 10, "docs/walkthrough.md has only \(blocks.count) sh blocks")
            try #require(blocks[0].contains("coffer serve") && blocks[0].contains("trap "), "the first block starts it")

            let work = try CofferProcess.makeTemporaryDirectory()
            defer { try? FileManager.default.removeItem(at: work) }
            let script = work.appendingPathComponent("walkthrough.sh")
            let header = "set -euo pipefail\nset -x\ncd \"$WORK\"\n"
            try Data((header + blocks.joined(separator: "\n\n") + "\n").utf8).write(to: script)

            let coffer = try CofferProcess.cofferBinary()
            var environment = ProcessInfo.processInfo.environment
            for name in environment.keys where name.hasPrefix("AWS_") || name.hasPrefix("COFFER_") {
                environment.removeValue(forKey: name)
            }
            environment["PATH"] =
                coffer.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
            environment["WORK"] = work.path
            environment["PORT"] = String(try CofferProcess.freePort())
            environment["DATA"] = work.appendingPathComponent("data").path
            environment["AWS_CONFIG_FILE"] = "/dev/null"
            environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null"
            environment["AWS_EC2_METADATA_DISABLED"] = "true"
            environment["AWS_PAGER"] = ""

            // `timeout` signals the script's whole process group, so a server it started cannot outlive it.
            let result = try await Shell.run(
                "/usr/bin/timeout", ["--kill-after=10", "300", "/bin/bash", script.path], environment: environment,
                timeout: 330)
            let log = (try? String(contentsOf: work.appendingPathComponent("coffer.log"), encoding: .utf8)) ?? ""
            #expect(
                result.status == 0,
                """
                docs/walkthrough.md failed (status \(result.status)); the trace ends with:
                \(result.stderr.split(separator: "\n").suffix(40).joined(separator: "\n"))
                stdout ends with:
                \(result.stdout.split(separator: "\n").suffix(20).joined(separator: "\n"))
                server log ends with:
                \(log.split(separator: "\n").suffix(20).joined(separator: "\n"))
                """)
        }
    }
}

extension Interop {
    /// The sqlite3 command-line shell, if installed.
    static let sqlite3 = Shell.which("sqlite3")
}
