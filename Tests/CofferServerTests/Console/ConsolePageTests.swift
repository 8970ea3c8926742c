import CofferServer
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// `/_coffer/console/`: the page and its files, their caching, and the security headers of every answer.
@Suite("Console page and assets")
struct ConsolePageTests {
    /// A console folder with a page that loads one script and one style sheet.
    static func assetsFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("coffer-console-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let page = """
            <!DOCTYPE html><html><head><link rel="stylesheet" href="assets/console.css">\
            <script src="assets/app.js" defer></script></head><body></body></html>
            """
        try Data(page.utf8).write(to: folder.appendingPathComponent("index.html"))
        try Data("document.title = 'console';\n".utf8).write(to: folder.appendingPathComponent("app.js"))
        try Data("body { margin: 0; }\n".utf8).write(to: folder.appendingPathComponent("console.css"))
        try Data("not served".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        return folder
    }

    static func run(_ body: @Sendable (KMSTestClient) async throws -> Void) async throws {
        let folder = try assetsFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await TestServer.run(configure: { $0.consoleAssetsFolder = folder.path }, body)
    }

    @Test func consoleWithoutTheFinalSlashRedirectsToIt() async throws {
        try await Self.run { client in
            let answer = try await client.get("/_coffer/console")
            #expect(answer.status == .movedPermanently)
            #expect(answer.headers[.location] == "/_coffer/console/")
        }
    }

    /// The page names each file with its version, is revalidated on each load, and carries the strict policy.
    @Test func pageNamesVersionedFilesUnderAStrictPolicy() async throws {
        try await Self.run { client in
            let page = try await client.get("/_coffer/console/")
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.headers[.cacheControl] == "no-cache")
            let policy = try #require(page.headers[HTTPField.Name("Content-Security-Policy")!])
            #expect(policy.contains("default-src 'none'") && policy.contains("script-src 'self'"))
            #expect(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"))
            #expect(policy.contains("frame-ancestors 'none'"))
            #expect(page.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            #expect(page.headers[HTTPField.Name("X-Frame-Options")!] == "DENY")
            let html = String(buffer: page.body)
            let version = try #require(html.firstMatch(of: /assets\/app\.js\?v=([0-9a-f]{16})/)?.1)
            #expect(html.contains("assets/console.css?v="))

            let script = try await client.get("/_coffer/console/assets/app.js?v=\(version)")
            #expect(script.status == .ok)
            #expect(script.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(script.headers[.cacheControl] == "public, max-age=31536000, immutable")
            #expect(String(buffer: script.body) == "document.title = 'console';\n")
            let etag = try #require(script.headers[.eTag])
            let unversioned = try await client.get("/_coffer/console/assets/app.js")
            #expect(unversioned.headers[.cacheControl] == "no-cache")
            let revalidated = try await client.client.execute(
                uri: "/_coffer/console/assets/app.js", method: .get, headers: [.ifNoneMatch: etag])
            #expect(revalidated.status == .notModified)
            #expect(revalidated.body.readableBytes == 0)
        }
    }

    /// Only files of the console's kinds, by plain name, are served: never another file of the folder or beyond.
    @Test func onlyTheConsolesFilesAreServed() async throws {
        try await Self.run { client in
            for path in [
                "/_coffer/console/assets/notes.txt", "/_coffer/console/assets/..%2Findex.html",
                "/_coffer/console/assets/%2Fetc%2Fpasswd", "/_coffer/console/assets/.hidden.js",
                "/_coffer/console/assets/missing.js", "/_coffer/console/assets/index.html",
            ] {
                let answer = try await client.get(path)
                #expect(answer.status == .notFound, "\(path)")
                #expect(answer.headers[HTTPField.Name("Content-Security-Policy")!] != nil)
            }
        }
    }
}
