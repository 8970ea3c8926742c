import Foundation
import Testing

/// The aws CLI pointed at one Coffer server, isolated from the user's configuration.
///
/// Each call has a synchronous form and an async one (chosen in async tests) that does not block a thread.
struct AWSCLI {
    let server: CofferProcess

    var environment: [String: String] {
        var environment = Interop.awsClientEnvironment
        environment["AWS_PAGER"] = ""
        return environment
    }

    /// Runs `aws --endpoint-url <server> <arguments>` and returns the result.
    func run(_ arguments: [String], environmentOverrides: [String: String] = [:]) throws -> Shell.Result {
        let (aws, arguments) = try command(arguments)
        return try Shell.run(aws, arguments, environment: environment.merging(environmentOverrides) { $1 })
    }

    /// Runs `aws --endpoint-url <server> <arguments>` without blocking a thread.
    func run(_ arguments: [String]) async throws -> Shell.Result {
        let (aws, arguments) = try command(arguments)
        return try await Shell.run(aws, arguments, environment: environment)
    }

    /// Runs a command that must succeed and decodes its JSON output.
    func json(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        try Self.decode(try run(arguments), of: arguments, sourceLocation: sourceLocation)
    }

    /// Runs a command that must succeed and decodes its JSON output, without blocking a thread.
    func json(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any] {
        try Self.decode(try await run(arguments), of: arguments, sourceLocation: sourceLocation)
    }

    /// The aws executable and its full argument list.
    private func command(_ arguments: [String]) throws -> (aws: String, arguments: [String]) {
        let aws = try #require(Interop.aws, "the aws CLI is not installed (pip install awscli)")
        return (aws, ["--endpoint-url", server.endpoint, "--output", "json"] + arguments)
    }

    /// Requires a zero exit status and decodes the JSON object on stdout (empty output is `[:]`).
    private static func decode(
        _ result: Shell.Result, of arguments: [String], sourceLocation: SourceLocation
    ) throws -> [String: Any] {
        try #require(
            result.status == 0, "aws \(arguments.joined(separator: " ")) failed: \(result.stderr)",
            sourceLocation: sourceLocation)
        if result.stdout.isEmpty { return [:] }
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        return try #require(object as? [String: Any], sourceLocation: sourceLocation)
    }
}
