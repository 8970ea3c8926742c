import ArgumentParser

/// `coffer`: an S3-compatible object store with an embedded AWS-KMS-compatible key service.
@main
struct Coffer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coffer",
        abstract: "An S3-compatible object store with an embedded AWS-KMS-compatible key service.",
        discussion: """
            Coffer serves the S3 REST API and the AWS KMS JSON API on one port, authenticated \
            with AWS Signature Version 4. Point the aws CLI or boto3 at it with --endpoint-url.

            Start a server with `coffer serve`; see `coffer serve --help` for its options, the environment \
            variables it reads and the default credentials. See S3 Bucket Keys at work with `coffer demo`.
            """,
        version: "0.1.0",
        subcommands: [Serve.self, Demo.self, Audit.self],
        defaultSubcommand: nil
    )
}
