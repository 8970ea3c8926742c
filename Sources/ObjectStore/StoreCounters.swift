import Synchronization

/// Counters of work done, for metrics and for tests that check range reads touch only needed segments.
final class StoreCounters: Sendable {
    private let opened = Atomic<Int>(0)
    private let batches = Atomic<Int>(0)
    private let commits = Atomic<Int>(0)

    /// Segments decrypted and authenticated by GETs since open.
    var segmentsOpened: Int { opened.load(ordering: .relaxed) }
    /// Write transactions the group committer ran.
    var commitBatches: Int { batches.load(ordering: .relaxed) }
    /// Object rows those transactions committed or rejected.
    var objectCommits: Int { commits.load(ordering: .relaxed) }

    func segmentOpened() {
        opened.add(1, ordering: .relaxed)
    }

    func committedBatch(of count: Int) {
        batches.add(1, ordering: .relaxed)
        commits.add(count, ordering: .relaxed)
    }
}
