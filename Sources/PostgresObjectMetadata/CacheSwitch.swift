import Synchronization

/// Whether a node's caches may be used: only while a change follower keeps them coherent.
final class CacheSwitch: Sendable {
    private let active = Atomic<Bool>(false)

    var isActive: Bool { active.load(ordering: .acquiring) }

    func activate() { active.store(true, ordering: .releasing) }

    func deactivate() { active.store(false, ordering: .releasing) }
}
