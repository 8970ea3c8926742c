import Foundation

/// Limits and opaque markers of the paged listings (`Limit`, `Marker`, `NextMarker`, `Truncated`).
///
/// A marker is the base64 of `v1:<sort key of the last item returned>`; the next page starts after it,
/// so a marker stays valid when items are added or removed between calls.
enum Paging {
    /// Applies the default and checks `limit` against AWS's range.
    static func limit(_ limit: Int?, default defaultValue: Int, range: ClosedRange<Int>) throws(KMSError) -> Int {
        guard let limit else { return defaultValue }
        guard range.contains(limit) else { throw .outOfRange(limit, member: "limit", range: range) }
        return limit
    }

    /// One page of `items` (already sorted by `sortKey`) after `marker`.
    static func page<Item: Sendable>(
        _ items: [Item], limit: Int, marker: String?, sortKey: (Item) -> String
    ) throws(KMSError) -> Page<Item> {
        var remaining = items[...]
        if let marker {
            let after = try position(of: marker)
            remaining = remaining.drop { sortKey($0) <= after }
        }
        let items = Array(remaining.prefix(limit))
        guard remaining.count > limit, let last = items.last else { return Page(items: items, nextMarker: nil) }
        return Page(items: items, nextMarker: Data("v1:\(sortKey(last))".utf8).base64EncodedString())
    }

    private static func position(of marker: String) throws(KMSError) -> String {
        guard let data = Data(base64Encoded: marker), let text = String(data: data, encoding: .utf8),
            text.hasPrefix("v1:")
        else { throw .invalidMarker }
        return String(text.dropFirst(3))
    }
}
