import Foundation
import Testing

extension Boto3 {
    /// Runs a script that must succeed and decodes the JSON summary on its last line.
    func summary(
        script: String, arguments: [String] = [], sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> [String: Any] {
        let result = try await run(script: script, arguments: arguments)
        try #require(
            result.status == 0, "\(script).py failed:\n\(result.stderr)\nserver:\n\(server.output.suffix(3000))",
            sourceLocation: sourceLocation)
        let line = try #require(result.stdout.split(separator: "\n").last, sourceLocation: sourceLocation)
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try #require(object as? [String: Any], sourceLocation: sourceLocation)
    }
}

/// JSON `true` from JSONSerialization, which is an NSNumber on Linux: `as? Bool` reads it.
func jsonFlags(_ value: Any?) -> [String: Bool] {
    guard let object = value as? [String: Any] else { return [:] }
    return object.compactMapValues { $0 as? Bool }
}
