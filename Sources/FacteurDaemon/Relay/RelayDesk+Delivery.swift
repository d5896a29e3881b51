import FacteurCore
import FacteurMail
import FacteurStore
import Foundation

/// Accepted messages, rewritten DMARC-safe, one outbox row per recipient.
extension RelayDesk {
    /// Why a message that the rewriter cannot carry intact is held instead.
    var unsafeLines: String { HoldReason.unsafeLines.text(configuration.language) }
    /// Producer or coordinator → every subscriber who has not opted out (except the sender).
    func fanOut(
        _ message: InboundMessage, inbound: NewInbound, id: Int64, route: RelayRoute, storage: Database, now: Date
    )
        throws -> (state: InboundState, detail: String)
    {
        let recipients = route.subscribers.filter {
            !route.optedOut.contains($0.id) && $0.email?.lowercased() != inbound.sender.lowercased()
        }
        var entries: [OutboxEntry] = []
        for member in recipients {
            guard let email = member.email else { continue }
            let recipient = Recipient(memberID: member.id, name: member.name, email: email)
            let links = signer.map {
                UnsubscribeLinks(
                    address: route.amap.facteurAddress,
                    token: $0.token(.relay(member: member.id, contract: route.contract.id)),
                    baseURL: configuration.unsubscribeURL)
            }
            let footer = RelayFooter.toSubscribers(
                sender: inbound.senderName, contract: route.contract.name, amap: route.amap.name, links: links,
                relayAddress: route.contract.relayAddress ?? "", language: configuration.language)
            guard
                let entry = try relayed(
                    message, key: NoticeKey(.relay, .inbound(id), to: .member(member.id)), inbound: inbound,
                    to: recipient,
                    route: route, footer: footer, listUnsubscribe: links, now: now)
            else {
                return try hold(
                    inbound, id: id, reason: unsafeLines, route: route,
                    storage: storage, now: now)
            }
            entries.append(entry)
        }
        try storage.outbox.enqueue(entries, now: now)
        return (.relayed, "to \(entries.count) subscriber(s)")
    }

    /// A subscriber → the producer, Reply-To the member.
    func toProducer(
        _ message: InboundMessage, inbound: NewInbound, id: Int64, member: Member, route: RelayRoute,
        storage: Database, now: Date
    ) throws -> (state: InboundState, detail: String) {
        guard let producer = route.producer, let email = producer.email else {
            return try hold(
                inbound, id: id, reason: HoldReason.producerHasNoAddress.text(configuration.language), route: route,
                storage: storage, now: now)
        }
        let footer =
            configuration.language == .fr
            ? """
            —
            Message \(FrenchWords.de(member.name)), membre du contrat \(route.contract.name) \
            \(FrenchWords.de(amap: route.amap.name)), transmis par Facteur. Répondre à ce message lui répond directement.
            """
            : """
            —
            Message from \(member.name), member of the \(route.contract.name) contract of \(route.amap.name), passed \
            on by Facteur. Replying to this message answers them directly.
            """
        guard
            let entry = try relayed(
                message, key: NoticeKey(.relayToProducer, .inbound(id), to: .producer(producer.id)), inbound: inbound,
                to: Recipient(memberID: nil, name: producer.name, email: email), route: route, footer: footer, now: now)
        else {
            return try hold(
                inbound, id: id, reason: unsafeLines, route: route,
                storage: storage, now: now)
        }
        try storage.outbox.enqueue([entry], now: now)
        return (.relayed, "to the producer")
    }

    /// One rewritten copy; nil when the message cannot be carried without breaking it.
    func relayed(
        _ message: InboundMessage, key: NoticeKey, inbound: NewInbound, to recipient: Recipient,
        route: RelayRoute, footer: String, listUnsubscribe: UnsubscribeLinks? = nil, now: Date
    ) throws -> OutboxEntry? {
        let content = RelayNotice(
            inboundID: 0, contract: route.contract.name, relayAddress: route.contract.relayAddress ?? "",
            senderName: inbound.senderName, senderAddress: inbound.sender, subject: inbound.subject, reason: "",
            size: inbound.raw.count)
        let notice = relayNotice(
            key, to: recipient, replyTo: inbound.sender, route: route, content: content, now: now)
        let messageID = MessageHeaders.messageID(for: notice.key, domain: route.amap.domain, token: Token.random())
        let envelope = RelayRewriter.Envelope(
            relayAddress: route.contract.relayAddress ?? route.amap.email, contractName: route.contract.name,
            amapName: route.amap.name, senderName: inbound.senderName, replyTo: inbound.sender,
            to: Mailbox(name: recipient.name, address: recipient.email), messageID: messageID, kind: key.kind.rawValue,
            date: RFC5322Date.string(now, timeZone: route.amap.timeZone), footer: footer,
            listUnsubscribe: listUnsubscribe)
        do {
            let bytes = try RelayRewriter().rewrite(message, for: envelope)
            return OutboxEntry(notice: notice, messageID: messageID, body: bytes)
        } catch {
            return nil
        }
    }
}
