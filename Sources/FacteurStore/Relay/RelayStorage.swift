/// The relay's view of the database inside one write transaction: storing a message and everything it
/// causes (fan-out rows, opt-out, bounce) commit together or not at all. Not Sendable: it lives only
/// for the duration of `Store.relayTransaction`.
public struct RelayStorage {
    public let inbox: Inbox
    public let outbox: Outbox
}

@available(*, unavailable)
extension RelayStorage: Sendable {}
