import Foundation
import Testing

@testable import CofferConsole

/// The console's files are written in Sources/CofferConsole/Assets/ and embedded by
/// scripts/embed-console-assets.py: the binary must serve exactly what the folder holds.
@Suite("Console assets")
struct ConsoleAssetsDriftTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/CofferConsole/Assets")

    @Test func embeddedFilesMatchTheAssetsFolder() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter(ConsoleAssetCatalog.isPlainName).sorted()
        #expect(EmbeddedConsoleAssets.files.map(\.name) == names, "run python3 scripts/embed-console-assets.py")
        for file in EmbeddedConsoleAssets.files {
            let onDisk = try String(contentsOf: Self.folder.appendingPathComponent(file.name), encoding: .utf8)
            #expect(file.text == onDisk, "\(file.name) differs: run python3 scripts/embed-console-assets.py")
        }
    }

    /// Every `assets/NAME` the page names is a file of the catalog, so the page never loads a missing script.
    @Test func thePageNamesOnlyFilesOfTheCatalog() throws {
        let catalog = ConsoleAssetCatalog()
        let index = try #require(catalog.index(), "the console has no index.html")
        let html = String(decoding: index.bytes, as: UTF8.self)
        let referenced = html.matches(of: /"assets\/([^"?]+)\?v=([0-9a-f]{16})"/).map { (String($0.1), String($0.2)) }
        #expect(!referenced.isEmpty)
        for (name, version) in referenced {
            #expect(catalog.asset(named: name)?.version == version, "\(name)")
        }
        #expect(!html.contains("\"assets/") || html.matches(of: /"assets\/[^"?]+"/).isEmpty, "unversioned reference")
        #expect(!html.contains("<script>") && !html.contains(" onclick="), "inline script in the page")
    }
}
