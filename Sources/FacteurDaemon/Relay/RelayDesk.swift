import FacteurCore
import FacteurMail
import FacteurStore
import Foundation

/// Takes in one message for a relay address (MTA pipe or IMAP), stores it, and decides in the same
/// transaction what becomes of it (DESIGN §5): fanned out, passed to the producer, held for moderation,
/// refused, ignored, or matched as a bounce.
public struct RelayDesk: Sendable {
    public var configuration: Configuration
    public var composer: NoticeComposer
    public var logger: Logger
    /// Signs and checks tokens; loaded from the database by `receive`, `approve` and `reject`.
    var signer: TokenSigner?

    public init(configuration: Configuration, composer: NoticeComposer, logger: Logger) {
        self.configuration = configuration
        self.composer = composer
        self.logger = logger
    }

    public enum Outcome: Sendable, Equatable {
        case stored(id: Int64, state: InboundState, detail: String)
        case duplicate
        case unknownRecipient
    }

    /// - Parameter recipient: `--recipient`, else the message's own `Delivered-To`, `To`, `Cc`.
    public func receive(
        _ raw: [UInt8], recipient: String?, source: String, imap: (uidValidity: Int64, uid: Int64)? = nil, store: Store,
        now: Date
    ) async throws -> Outcome {
        let message = try InboundParser.parse(raw)
        var signed = self
        signed.signer = try await TokenSigner.load(store)
        let desk = signed
        let candidates =
            recipient.map { [$0] }
            ?? (["Delivered-To", "X-Original-To", "To", "Cc"].flatMap {
                message.all($0).flatMap { AddressList.parse($0.value) }
            })
        if AutomaticMail.isDeliveryReport(message) {
            // Bounces come to the relay or the bounce address: matched to the outbox whatever the recipient.
            let outcome = try await store.write { storage in
                try desk.bounce(
                    message, raw: raw, recipient: candidates.first ?? "", source: source, imap: imap, storage: storage,
                    now: now)
            }
            if case .stored(let id, _, let detail) = outcome {
                logger.info("relay-bounce", ["inbound": "\(id)", "detail": detail])
            }
            return outcome
        }
        let zone = configuration.timeZone
        // The AMAP's Facteur address: requests, answers, and anything else a person wrote there.
        let amap = try await store.read { s -> Amap? in
            for candidate in candidates {
                if let amap = try s.inbox.amap(forFacteurAddress: candidate, defaultTimeZone: zone) { return amap }
            }
            return nil
        }
        if let amap {
            let outcome = try await store.write { storage in
                try desk.answer(message, raw: raw, amap: amap, source: source, imap: imap, storage: storage, now: now)
            }
            if case .stored(let id, let state, let detail) = outcome {
                logger.info("facteur-address-\(state)", ["inbound": "\(id)", "amap": "\(amap.id)", "detail": detail])
            }
            return outcome
        }
        let route = try await store.read { s -> RelayRoute? in
            for candidate in candidates {
                if let route = try s.inbox.route(forAddress: candidate, defaultTimeZone: zone) { return route }
            }
            return nil
        }
        guard let route else { return .unknownRecipient }
        let outcome = try await store.write { storage in
            try desk.process(message, raw: raw, route: route, source: source, imap: imap, storage: storage, now: now)
        }
        // Logged once committed: a COMMIT that fails (disk full) must not leave "relayed" in the log.
        if case .stored(let id, let state, let detail) = outcome {
            logger.info("relay-\(state)", ["inbound": "\(id)", "contract": "\(route.contract.id)", "detail": detail])
        }
        return outcome
    }

    func bounce(
        _ message: InboundMessage, raw: [UInt8], recipient: String, source: String,
        imap: (uidValidity: Int64, uid: Int64)?, storage: Database, now: Date
    ) throws -> Outcome {
        let new = NewInbound(
            source: source, recipient: recipient, sender: AutomaticMail.sender(message) ?? "", senderName: "",
            subject: HeaderText.neutralise(message.decoded("Subject") ?? ""), messageID: message.messageID, raw: raw,
            contractID: nil, imapUIDValidity: imap?.uidValidity, imapUID: imap?.uid)
        guard let id = try storage.inbox.insert(new, state: .bounce, reason: nil, now: now) else { return .duplicate }
        let report = DeliveryReport(message)
        var detail = report.isReadReceipt ? "read receipt: not a failure" : "delivery report without failure"
        if report.isFailure {
            let reason = [report.status, report.diagnostic].compactMap { $0 }.joined(separator: " ")
            let keys = try storage.inbox.markBounced(
                messageIDs: report.originalMessageIDs, reason: "bounced: \(reason)", now: now)
            detail = keys.isEmpty ? "no matching message" : "failed: \(keys.joined(separator: ", "))"
        }
        try storage.inbox.setState(id, state: .bounce, reason: detail, now: now)
        return .stored(id: id, state: .bounce, detail: detail)
    }

    func process(
        _ message: InboundMessage, raw: [UInt8], route: RelayRoute, source: String,
        imap: (uidValidity: Int64, uid: Int64)?, storage: Database, now: Date
    ) throws -> Outcome {
        let sender = AutomaticMail.sender(message) ?? ""
        let new = NewInbound(
            source: source, recipient: route.contract.relayAddress ?? "", sender: sender,
            senderName: (message.value("From").flatMap(AddressList.displayName(in:))) ?? sender,
            subject: HeaderText.neutralise(message.decoded("Subject") ?? ""), messageID: message.messageID, raw: raw,
            contractID: route.contract.id, imapUIDValidity: imap?.uidValidity, imapUID: imap?.uid)
        guard let id = try storage.inbox.insert(new, state: .received, reason: nil, now: now) else {
            return .duplicate
        }
        let (state, detail) = try decide(message, inbound: new, id: id, route: route, storage: storage, now: now)
        try storage.inbox.setState(id, state: state, reason: detail, now: now)
        return .stored(id: id, state: state, detail: detail)
    }
}
