import ArgumentParser
import CofferDemo
import CofferServer

/// `coffer demo`: the classroom walkthrough in one command.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show S3 Bucket Keys cutting KMS calls, on a temporary server.",
        discussion: """
            Starts a Coffer server on a free loopback port (no setup, nothing else listening), then, over HTTP \
            with SigV4 as any S3 client would: creates a KMS key and two SSE-KMS buckets, one without and one \
            with Bucket Keys; uploads, downloads and verifies N objects in each; prints the KMS calls each \
            bucket cost, the reduction, and an estimated monthly KMS bill at 100 PUT/s and 100 GET/s for \
            30 days (AWS list price, $0.03 per 10,000 requests); and shows what is on disk: a blob's \
            ciphertext and the metadata rows, which hold encrypted keys only.

            Exits with status 1 if an object does not read back intact or plaintext is found on disk.

            Example:
              coffer demo --objects 1000 --explain
            """
    )

    @Option(help: "Objects to upload to, and download from, each bucket (1-100000).")
    var objects = DemoOptions.defaultObjects

    @Option(
        help: ArgumentHelp(
            "Keep the server's data in this folder to explore afterwards (default: a temporary folder, removed "
                + "at the end).", valueName: "path"))
    var data: String?

    @Flag(help: "Narrate each step in plain words, for a classroom.")
    var explain = false

    func validate() throws {
        guard (1...100_000).contains(objects) else { throw ValidationError("--objects must be between 1 and 100000.") }
        if let data, data.isEmpty { throw ValidationError("--data must not be empty.") }
    }

    func run() async throws {
        Malloc.raiseThresholds()
        CofferLogHandler.bootstrap()
        let verified = try await DemoRunner(
            options: DemoOptions(objects: objects, dataDirectory: data, explain: explain)
        ).run()
        if !verified { throw ExitCode.failure }
    }
}
