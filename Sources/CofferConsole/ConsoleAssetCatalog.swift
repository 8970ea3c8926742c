import Foundation

/// The console's files by name, and the page that loads them.
///
/// The files come from the binary (``EmbeddedConsoleAssets``), or, for console development, from a folder on disk
/// read on every request (`COFFER_CONSOLE_ASSETS`), so an edit shows on reload without a rebuild. Either way only
/// the files of the catalog are served: a name is looked up, never joined to a path.
struct ConsoleAssetCatalog: Sendable {
    /// The page `/_coffer/console/` answers with.
    static let indexName = "index.html"

    private let embedded: [String: ConsoleAsset]
    private let folder: String?

    /// The embedded files; with `folder`, the files of that folder instead, read at each lookup.
    init(folder: String? = nil) {
        self.folder = folder
        self.embedded = Dictionary(
            EmbeddedConsoleAssets.files.map { ($0.name, ConsoleAsset(name: $0.name, bytes: Array($0.text.utf8))) },
            uniquingKeysWith: { first, _ in first })
    }

    /// The file named `name`, or nil when the catalog has none (including any name with a `/` or `..`).
    func asset(named name: String) -> ConsoleAsset? {
        guard Self.isPlainName(name) else { return nil }
        guard let folder else { return embedded[name] }
        let path = (folder as NSString).appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return ConsoleAsset(name: name, bytes: Array(data))
    }

    /// The page, with each `"assets/NAME"` reference made `"assets/NAME?v=VERSION"`, so that a new build's files
    /// are fetched even though every asset is cached as immutable.
    func index() -> ConsoleAsset? {
        guard let page = asset(named: Self.indexName) else { return nil }
        var html = String(decoding: page.bytes, as: UTF8.self)
        for name in names() where name != Self.indexName {
            guard let version = asset(named: name)?.version else { continue }
            html = html.replacingOccurrences(of: "\"assets/\(name)\"", with: "\"assets/\(name)?v=\(version)\"")
        }
        return ConsoleAsset(name: Self.indexName, bytes: Array(html.utf8))
    }

    /// Every file name of the catalog, sorted.
    func names() -> [String] {
        guard let folder else { return embedded.keys.sorted() }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return entries.filter(Self.isPlainName).sorted()
    }

    /// A file name of a kind the console serves, without a folder part.
    static func isPlainName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("/") && !name.hasPrefix(".")
            && ConsoleAsset.kinds.contains((name as NSString).pathExtension)
    }
}
