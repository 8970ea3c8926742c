import Foundation
import Testing

@testable import SigV4

/// A header as stored in the JSON fixtures.
struct FixtureHeader: Decodable, Sendable {
    let name: String
    let value: String
}

/// One botocore-signed SigV4 request (see `Fixtures/generate.py`).
struct SigV4Fixture: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let description: String
    let service: String
    let region: String
    let accessKeyId: String
    let secretAccessKey: String
    let now: String
    let method: String
    let path: String
    let query: String
    let headers: [FixtureHeader]
    let bodySHA256: String?
    let isPresigned: Bool
    let expectedSignature: String
    let expectedCanonicalRequest: String
    let expectedStringToSign: String

    var testDescription: String { self.name }

    var request: SigV4Request {
        SigV4Request(
            method: self.method, path: self.path, query: self.query, headers: self.headers.map { ($0.name, $0.value) })
    }

    var date: Date { AMZDate.parse(self.now)! }

    /// A verifier for this fixture's region and key, with the clock pinned to the signing time.
    func verifier(secret: String? = nil, offset: TimeInterval = 0) -> SigV4Verifier {
        let accessKeyId = self.accessKeyId
        let secret = secret ?? self.secretAccessKey
        let now = self.date.addingTimeInterval(offset)
        return SigV4Verifier(region: self.region, secretLookup: { $0 == accessKeyId ? secret : nil }, now: { now })
    }

    static let all: [SigV4Fixture] = loadFixtures("sigv4-botocore")
}

/// One botocore-signed SigV2 request.
struct SigV2Fixture: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let accessKeyId: String
    let secretAccessKey: String
    let now: Int
    let method: String
    let path: String
    let query: String
    let headers: [FixtureHeader]
    let isPresigned: Bool
    let expectedSignature: String
    let expectedStringToSign: String

    var testDescription: String { self.name }

    var request: SigV4Request {
        SigV4Request(
            method: self.method, path: self.path, query: self.query, headers: self.headers.map { ($0.name, $0.value) })
    }

    static let all: [SigV2Fixture] = loadFixtures("sigv2-botocore")
}

private struct FixtureFile<Fixture: Decodable>: Decodable {
    let generator: String
    let fixtures: [Fixture]
}

/// Loads `Fixtures/<name>.json` from the test bundle; a missing or broken file is a test failure, not a skip.
func loadFixtures<Fixture: Decodable>(_ name: String) -> [Fixture] {
    do {
        return try JSONDecoder().decode(FixtureFile<Fixture>.self, from: fixtureData(name)).fixtures
    } catch {
        fatalError("cannot decode fixture \(name).json: \(error)")
    }
}

/// The bytes of `Fixtures/<name>.json`.
func fixtureData(_ name: String) throws -> Data {
    guard let url = Bundle.module.url(forResource: name, withExtension: "json", subdirectory: "Fixtures") else {
        fatalError("fixture \(name).json is missing from the test bundle")
    }
    return try Data(contentsOf: url)
}

extension SigV4Request {
    /// A copy with the value of the first header named `name` (case-insensitive) replaced.
    func replacingHeader(_ name: String, with transform: (String) -> String) -> SigV4Request {
        var copy = self
        if let index = copy.headers.firstIndex(where: { $0.name.lowercased() == name }) {
            copy.headers[index].value = transform(copy.headers[index].value)
        }
        return copy
    }

    /// A copy without any header named `name`.
    func removingHeader(_ name: String) -> SigV4Request {
        var copy = self
        copy.headers.removeAll { $0.name.lowercased() == name }
        return copy
    }

    /// A copy with an extra header.
    func addingHeader(_ name: String, _ value: String) -> SigV4Request {
        var copy = self
        copy.headers.append((name, value))
        return copy
    }
}

extension String {
    /// The same string with its last character changed (a one-character flip).
    var flippingLastCharacter: String {
        String(self.dropLast()) + (self.last == "0" ? "1" : "0")
    }
}

/// Runs `body` and returns the SigV4Error it threw, recording an issue when it did not throw one.
func sigV4Error<T>(
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> T
) -> SigV4Error? {
    do {
        _ = try body()
        Issue.record("expected a SigV4Error, got success", sourceLocation: sourceLocation)
    } catch let error as SigV4Error {
        return error
    } catch {
        Issue.record("expected a SigV4Error, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}
