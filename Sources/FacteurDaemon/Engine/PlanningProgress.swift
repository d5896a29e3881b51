import Synchronization

/// What the two halves of a tick tell each other. The sending loop reads whether planning has finished (then
/// one last sending pass takes everything it queued); the planning task reads whether the sender is busy
/// sending (then it renders on one core, leaving the other to the SMTP connection and the server).
final class PlanningProgress: Sendable {
    private let finished = Atomic<Bool>(false)
    private let sending = Atomic<Bool>(false)

    var isFinished: Bool { finished.load(ordering: .acquiring) }

    func finish() { finished.store(true, ordering: .releasing) }

    var senderIsSending: Bool { sending.load(ordering: .relaxed) }

    func setSending(_ value: Bool) { sending.store(value, ordering: .relaxed) }
}
