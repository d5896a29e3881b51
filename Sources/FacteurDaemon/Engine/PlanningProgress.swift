import Synchronization

/// Whether a tick's planning task has finished, read by the sending loop that runs beside it: once it has,
/// one last sending pass takes everything it queued.
final class PlanningProgress: Sendable {
    private let finished = Atomic<Bool>(false)

    var isFinished: Bool { finished.load(ordering: .acquiring) }

    func finish() { finished.store(true, ordering: .releasing) }
}
