import FacteurCore
import FacteurMail
import FacteurStore
import Foundation

/// What becomes of a stored message, in the order DESIGN §5 gives the rules.
extension RelayDesk {
    func decide(
        _ message: InboundMessage, inbound: NewInbound, id: Int64, route: RelayRoute, storage: Database, now: Date
    ) throws -> (state: InboundState, detail: String) {
        let ours = try storage.inbox.relayAddresses()
        let automatic = AutomaticMail.reason(message, ourAddresses: ours)
        // The size that would go out: bare LF line ends become CRLF, which can double a message.
        let outgoing = InboundParser.normaliseLineEnds(inbound.raw).count
        if outgoing > configuration.relay.maxBytes {
            let detail =
                "message of \(outgoing) bytes once written with CRLF line ends is over relay.max_bytes (\(configuration.relay.maxBytes))"
            if automatic == nil, EmailAddress.isValid(inbound.sender) {
                try tell(
                    .relayRefused, to: Recipient(memberID: nil, name: inbound.senderName, email: inbound.sender),
                    about: inbound, id: id,
                    reason: configuration.language == .fr
                        ? "il dépasse la taille maximale acceptée" : "it is over the largest size accepted",
                    route: route,
                    storage: storage, now: now)
            }
            return (.refused, detail)
        }
        if let automatic { return (.ignored, automatic) }
        let authors = AutomaticMail.authors(message)
        if authors.count != 1 {
            // Several authors (or none readable): no one of them speaks for the message.
            return try hold(
                inbound, id: id, reason: HoldReason.severalAuthors.text(configuration.language),
                route: route, storage: storage, now: now)
        }
        let role = route.role(of: inbound.sender)
        // Requests are handled, never relayed (DESIGN §5): with a valid token, for what it names; without,
        // only this contract's relay, for the subscriber who wrote, confirmed to their own address.
        if let word = RequestWord.of(subject: inbound.subject) {
            let stop = word == .stop
            for claim in signer?.claims(in: inbound.subject) ?? [] {
                switch claim {
                case .unsubscribe(let member, let kind):
                    let (state, detail) = try change(
                        member: member, kind: kind, contract: nil, stop: stop, amap: route.amap, storage: storage,
                        now: now)
                    return (state, detail)
                case .relay(let member, let contract):
                    let (state, detail) = try change(
                        member: member, kind: .relay, contract: contract, stop: stop, amap: route.amap,
                        storage: storage, now: now)
                    return (state, detail)
                case .moderation, .volunteer:
                    continue
                }
            }
            // The member who wrote, whatever else they are to the contract (a coordinator subscribes too). A subject
            // that says more than the request is also passed on to the AMAP: a person should read the rest.
            if let member = route.subscribers.first(where: { $0.email?.lowercased() == inbound.sender.lowercased() }) {
                let (state, detail) = try change(
                    member: member.id, kind: .relay, contract: route.contract.id, stop: stop, amap: route.amap,
                    storage: storage, now: now)
                guard RequestWord.saysMore(subject: inbound.subject) else { return (state, detail) }
                let passed = try forward(message, inbound: inbound, id: id, amap: route.amap, storage: storage, now: now)
                return (state, "\(detail); \(passed.1)")
            }
            // A stranger's request is a person writing: held for the coordinator, never dropped unread.
            if case .unknown = role {
                return try hold(
                    inbound, id: id, reason: HoldReason.unknownSender.text(configuration.language), route: route,
                    storage: storage, now: now)
            }
            // The producer's or a coordinator's « Inscriptions ouvertes » is news for the subscribers: relayed
            // as their other messages are (they subscribe to nothing here to stop or resume).
        }
        if configuration.relay.moderation == "all" {
            return try hold(
                inbound, id: id, reason: HoldReason.moderationAll.text(configuration.language), route: route,
                storage: storage, now: now)
        }
        switch role {
        case .producer, .coordinator:
            if let authserv = configuration.relay.authservID {
                let domain = inbound.sender.split(separator: "@").last.map(String.init) ?? ""
                guard AuthenticationResults.passes(message, authservID: authserv, senderDomain: domain) else {
                    return try hold(
                        inbound, id: id,
                        reason: HoldReason.notAuthenticated(authservID: authserv).text(configuration.language),
                        route: route, storage: storage, now: now)
                }
            }
            return try fanOut(message, inbound: inbound, id: id, route: route, storage: storage, now: now)
        case .subscriber(let member):
            return try toProducer(
                message, inbound: inbound, id: id, member: member, route: route, storage: storage, now: now)
        case .unknown:
            return try hold(
                inbound, id: id, reason: HoldReason.unknownSender.text(configuration.language), route: route,
                storage: storage, now: now)
        }
    }

    /// Held for a person: nothing fanned out; the coordinator (else the AMAP's address) is told at once.
    func hold(_ inbound: NewInbound, id: Int64, reason: String, route: RelayRoute, storage: Database, now: Date)
        throws
        -> (state: InboundState, detail: String)
    {
        try tell(
            .moderation, to: Self.moderator(of: route), about: inbound, id: id, reason: reason, route: route,
            storage: storage, now: now)
        return (.held, reason)
    }

    /// Who decides on a contract's held messages: its coordinator, else the AMAP's own address (`reply_to`, else
    /// `email`), who is told of them and whose reply decides.
    static func moderator(of route: RelayRoute) -> Recipient {
        route.coordinator.flatMap { c in c.email.map { Recipient(memberID: c.id, name: c.name, email: $0) } }
            ?? Recipient(memberID: nil, name: route.amap.name, email: route.amap.replyTo ?? route.amap.email)
    }

    /// A templated notice about an inbound message (moderation request, refusal), through the outbox.
    func tell(
        _ kind: NoticeKind, to recipient: Recipient, about inbound: NewInbound, id: Int64, reason: String,
        route: RelayRoute, storage: Database, now: Date
    ) throws {
        var content = RelayNotice(
            inboundID: id, contract: route.contract.name, relayAddress: route.contract.relayAddress ?? "",
            senderName: inbound.senderName, senderAddress: inbound.sender, subject: inbound.subject, reason: reason,
            size: inbound.raw.count)
        // A moderation request carries the held message and a token; the coordinator decides by replying
        // to the AMAP's Facteur address, and the reply's In-Reply-To brings the token back.
        let moderating = kind == .moderation
        if moderating { content.original = inbound.raw }
        let notice = relayNotice(
            NoticeKey(kind, .inbound(id)), to: recipient, replyTo: moderating ? route.amap.facteurAddress : nil,
            route: route, content: content, now: now)
        try enqueue(notice, token: moderating ? .moderation(inbound: id) : nil, storage: storage, now: now)
    }

    /// Renders a notice the relay writes and puts it in the outbox. With a token, the token is the Message-ID's
    /// unique part, so that a reply's `In-Reply-To` brings it back.
    func enqueue(_ notice: PlannedNotice, token claim: TokenClaim?, storage: Database, now: Date) throws {
        let token = claim.flatMap { c in signer.map { $0.token(c) } } ?? Token.random()
        let messageID = MessageHeaders.messageID(for: notice.key, domain: notice.amap.domain, token: token)
        let body = try composer.compose(notice, messageID: messageID, threadMessageID: nil, date: now)
        try storage.outbox.enqueue(
            [OutboxEntry(notice: notice, messageID: messageID, body: body.rendered(seed: messageID))], now: now)
    }

    func relayNotice(
        _ key: NoticeKey, to recipient: Recipient, replyTo: String?, route: RelayRoute,
        content: RelayNotice, now: Date
    ) -> PlannedNotice {
        let late = now.addingTimeInterval(7 * 86_400)
        let sendAfter = configuration.notices.quietHours.release(now, in: route.amap.timeZone)
        return PlannedNotice(
            key: key, amap: route.amap, recipient: recipient, replyTo: replyTo, dueAt: now,
            lateUntil: late, sendAfter: sendAfter, expired: false, content: .relay(content))
    }
}
