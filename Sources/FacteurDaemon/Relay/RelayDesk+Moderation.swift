import FacteurCore
import FacteurMail
import FacteurStore
import Foundation

/// `facteur relay approve ID` / `reject ID`.
extension RelayDesk {
    public enum ModerationError: Error, CustomStringConvertible {
        case notFound(Int64)
        case notHeld(Int64, InboundState)
        case noRoute(Int64)

        public var description: String {
            switch self {
            case .notFound(let id): return "inbound message \(id) does not exist"
            case .notHeld(let id, let state): return "inbound message \(id) is not held (it is \(state.rawValue))"
            case .noRoute(let id): return "inbound message \(id): its relay address is no longer any contract's"
            }
        }
    }

    /// Relays a held message as if its sender were allowed: to the producer if a subscriber wrote it,
    /// else to every subscriber.
    public func approve(_ id: Int64, store: Store, now: Date) async throws -> String {
        var signed = self
        signed.signer = try await TokenSigner.load(store)
        let desk = signed
        return try await store.write { storage in try desk.approveHeld(id, storage: storage, now: now) }
    }

    public func reject(_ id: Int64, store: Store, now: Date) async throws {
        try await store.write { storage in try RelayDesk.rejectHeld(id, storage: storage, now: now) }
    }

    /// The decision itself, inside the caller's transaction (the command, or a coordinator's reply).
    func approveHeld(_ id: Int64, storage: Database, now: Date) throws -> String {
        guard let record = try storage.inbox.record(id) else { throw ModerationError.notFound(id) }
        guard record.state == .held else { throw ModerationError.notHeld(id, record.state) }
        guard let route = try storage.inbox.route(forAddress: record.recipient, defaultTimeZone: configuration.timeZone)
        else { throw ModerationError.noRoute(id) }
        let message = try InboundParser.parse(record.raw)
        let inbound = NewInbound(
            source: record.source, recipient: record.recipient, sender: record.sender, senderName: record.senderName,
            subject: record.subject, messageID: record.messageID, raw: record.raw, contractID: record.contractID)
        let result: (state: InboundState, detail: String)
        if case .subscriber(let member) = route.role(of: record.sender) {
            result = try toProducer(
                message, inbound: inbound, id: id, member: member, route: route, storage: storage, now: now)
        } else {
            result = try fanOut(message, inbound: inbound, id: id, route: route, storage: storage, now: now)
        }
        let state: InboundState = result.state == .relayed ? .approved : result.state
        try storage.inbox.setState(id, state: state, reason: "approved: \(result.detail)", now: now)
        return "approved: \(result.detail)"
    }

    static func rejectHeld(_ id: Int64, storage: Database, now: Date) throws {
        guard let record = try storage.inbox.record(id) else { throw ModerationError.notFound(id) }
        guard record.state == .held else { throw ModerationError.notHeld(id, record.state) }
        try storage.inbox.setState(id, state: .rejected, reason: "rejected by a moderator", now: now)
    }
}
