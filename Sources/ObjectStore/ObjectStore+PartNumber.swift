extension ObjectStore {
    /// What a GET or HEAD serves: the resolved `Range`, or the part `?partNumber=` names.
    struct ServedSlice {
        /// The bytes served, inclusive (`206` and `Content-Range`); nil for the whole object or an empty part.
        var range: ClosedRange<Int64>?
        /// For `?partNumber=` on a multipart object: the part served.
        var part: PartRow?
    }

    /// Resolves the range a GET or HEAD serves (docs/storage-format.md §8, "Reads").
    ///
    /// `?partNumber=N` serves the N-th part in part-number order of a multipart object; for a single-part object
    /// N = 1 serves the whole object as a range, as AWS does (206 with `Content-Range`). Returns nil when the
    /// object's parts changed since `row` was read (a concurrent overwrite or delete).
    /// - Throws: `invalidRange`, or `partNotSatisfiable` when N exceeds the part count.
    func servedSlice(_ request: GetObjectRequest, _ row: ObjectRow) async throws -> ServedSlice? {
        guard let number = request.partNumber else {
            return ServedSlice(range: try request.range?.resolve(size: row.size))
        }
        guard let count = row.partsCount else {
            guard number == 1 else { throw ObjectStoreError.partNotSatisfiable(number, partsCount: 1) }
            return ServedSlice(range: Self.byteRange(offset: 0, size: row.size))
        }
        guard number <= count else { throw ObjectStoreError.partNotSatisfiable(number, partsCount: count) }
        guard let part = try await metadata.objectPart(row.objectId, ordinal: number) else { return nil }
        return ServedSlice(range: Self.byteRange(offset: part.offset ?? 0, size: part.size), part: part)
    }

    private static func byteRange(offset: Int64, size: Int64) -> ClosedRange<Int64>? {
        size > 0 ? offset...(offset + size - 1) : nil
    }
}
