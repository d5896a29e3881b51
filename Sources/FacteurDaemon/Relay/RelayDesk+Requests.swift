import FacteurCore
import FacteurMail
import FacteurStore
import Foundation

/// Everything a member or coordinator does by mail (DESIGN §4–§5): stop or resume a kind of notice or a
/// contract's relay, decide on a held message. At an AMAP's Facteur address a signed token says what the
/// message may do; at a relay address a request without one only ever concerns that contract, for the member
/// who wrote, and the confirmation goes to their own address so that a forged request is seen and undone.
extension RelayDesk {
    /// What a request's words ask: stop or resume.
    enum RequestWord {
        case stop, resume

        /// Whether a request's subject says more than the request, a kind and a token (« Désinscription, et une
        /// question sur le panier »): a person should read it too (DESIGN §5 "nothing a person writes is lost").
        static func saysMore(subject: String) -> Bool {
            let chunks = subject.split(whereSeparator: { $0 == " " || $0 == "\t" }).filter { chunk in
                // A token (`u.7.announcement.<32 hex>`) and a kind's name are part of a request.
                let lower = chunk.lowercased().trimmingCharacters(in: .punctuationCharacters)
                let isToken = lower.split(separator: ".").last.map { $0.count == 32 && Hex.decode(String($0)) != nil }
                    ?? false
                return !isToken && NoticeKind(rawValue: lower) == nil
            }
            // Punctuation alone is no word (« RE : », « - »), nor are the reply and forward marks before it.
            var sayings = chunks.map { $0.lowercased() }.filter { $0.contains(where: { $0.isLetter || $0.isNumber }) }[...]
            while let first = sayings.first,
                ["re", "tr", "fwd", "fw", "aw"].contains(first.trimmingCharacters(in: .punctuationCharacters))
            {
                sayings.removeFirst()
            }
            // The request's word (two for « se désinscrire ») and at most one more (« svp », a contract's name).
            return sayings.count > (sayings.first == "se" ? 3 : 2)
        }

        /// The request in a subject ("unsubscribe", "Re: désinscription announcement", "inscription"…).
        static func of(subject: String) -> RequestWord? {
            var words = ReplyText.words(subject)
            while let first = words.first, ["re", "tr", "fwd", "fw", "aw"].contains(first) { words.removeFirst() }
            guard let first = words.first else { return nil }
            if ["unsubscribe", "désinscription", "desinscription", "désabonnement", "desabonnement"].contains(first) {
                return .stop
            }
            if first == "se",
                words.dropFirst().first.map({ ["désinscrire", "desinscrire", "désabonner"].contains($0) })
                    ?? false
            {
                return .stop
            }
            if ["subscribe", "inscription", "réinscription", "reinscription", "réabonnement"].contains(first) {
                return .resume
            }
            if first == "s'inscrire" || first == "s’inscrire" || (first == "s" && words.dropFirst().first == "inscrire")
            {
                return .resume
            }
            return nil
        }
    }

    /// A message to an AMAP's Facteur address, in the caller's transaction.
    func answer(
        _ message: InboundMessage, raw: [UInt8], amap: Amap, source: String, imap: (uidValidity: Int64, uid: Int64)?,
        storage: Database, now: Date
    ) throws -> Outcome {
        let sender = AutomaticMail.sender(message) ?? ""
        let inbound = NewInbound(
            source: source, recipient: amap.facteurAddress, sender: sender,
            senderName: message.value("From").flatMap(AddressList.displayName(in:)) ?? sender,
            subject: HeaderText.neutralise(message.decoded("Subject") ?? ""), messageID: message.messageID, raw: raw,
            contractID: nil, imapUIDValidity: imap?.uidValidity, imapUID: imap?.uid)
        guard let id = try storage.inbox.insert(inbound, state: .received, reason: nil, now: now) else {
            return .duplicate
        }
        let (state, detail) = try decideAnswer(
            message, inbound: inbound, id: id, amap: amap, storage: storage, now: now)
        try storage.inbox.setState(id, state: state, reason: detail, now: now)
        return .stored(id: id, state: state, detail: detail)
    }

    private func decideAnswer(
        _ message: InboundMessage, inbound: NewInbound, id: Int64, amap: Amap, storage: Database, now: Date
    ) throws -> (InboundState, String) {
        var ours = try storage.inbox.relayAddresses()
        ours.insert(amap.facteurAddress.lowercased())
        if inbound.sender.lowercased() == amap.facteurAddress.lowercased() {
            return (.ignored, "our own Facteur address writing to itself")
        }
        if let automatic = AutomaticMail.reason(message, ourAddresses: ours) { return (.ignored, automatic) }
        // Tokens are looked for where the sender acted: the subject, the reply's references, and what they
        // wrote above the quoted original (a reply quotes the footer's unsubscribe token: never an order).
        let searched = [
            inbound.subject, message.value("In-Reply-To") ?? "", message.value("References") ?? "",
            ReplyText.writtenLines(of: message).joined(separator: "\n"),
        ].joined(separator: "\n")
        let claims = signer?.claims(in: searched) ?? []
        let word =
            RequestWord.of(subject: inbound.subject)
            ?? ReplyText.firstLine(of: message).flatMap {
                RequestWord.of(subject: $0)
            }
        var outcome: (InboundState, String)?
        for claim in claims where outcome == nil {
            switch claim {
            case .unsubscribe(let member, let kind):
                // Only a request says stop or resume: a reply that merely carries the link is a person writing.
                guard let word else { continue }
                outcome = try change(
                    member: member, kind: kind, contract: nil, stop: word == .stop, amap: amap, storage: storage,
                    now: now)
            case .relay(let member, let contract):
                guard let word else { continue }
                outcome = try change(
                    member: member, kind: .relay, contract: contract, stop: word == .stop, amap: amap,
                    storage: storage, now: now)
            case .moderation(let held):
                outcome = try moderate(held, reply: message, inbound: inbound, amap: amap, storage: storage, now: now)
            case .volunteer(let member, let distribution):
                outcome = try volunteer(
                    member: member, distribution: distribution, reply: message, inbound: inbound, id: id, amap: amap,
                    storage: storage, now: now)
            }
        }
        // Nothing a person writes is lost: an answer that changed nothing goes to the AMAP too.
        if let outcome, outcome.0 != .declined { return outcome }
        let passed = try forward(message, inbound: inbound, id: id, amap: amap, storage: storage, now: now)
        if let outcome { return (passed.0, "\(outcome.1); \(passed.1)") }
        return passed
    }

    /// Opts the member named by a token (or by their own address at a relay address) out of, or back into, a
    /// kind or one contract's relay, and confirms to the member's own address.
    func change(
        member memberID: Int64, kind: NoticeKind, contract: Int64?, stop: Bool, amap: Amap, storage: Database,
        now: Date
    ) throws -> (InboundState, String) {
        guard let member = try storage.inbox.member(memberID), member.amapID == amap.id else {
            return (.declined, "token for member \(memberID), who is not a member of this AMAP")
        }
        var contractName: String?
        if let contract {
            guard let route = try storage.inbox.route(forContract: contract, defaultTimeZone: configuration.timeZone),
                route.amap.id == amap.id
            else { return (.declined, "token for contract \(contract), which is not this AMAP's") }
            contractName = route.contract.name
            if stop {
                try storage.inbox.optOutOfRelay(member: memberID, contract: contract, now: now)
            } else {
                try storage.inbox.optInToRelay(member: memberID, contract: contract)
            }
        } else if stop {
            try storage.inbox.optOut(member: memberID, kind: kind)
        } else {
            try storage.inbox.optIn(member: memberID, kind: kind)
        }
        if let email = member.email, let signer {
            let claim: TokenClaim =
                contract.map { .relay(member: memberID, contract: $0) } ?? .unsubscribe(member: memberID, kind: kind)
            let undo = UnsubscribeLinks(
                address: amap.facteurAddress, token: signer.token(claim), baseURL: configuration.unsubscribeURL)
            let content = SubscriptionNotice(kind: kind, contract: contractName, stopped: stop, undo: undo)
            try confirm(
                .subscription(content),
                key: NoticeKey(
                    .subscriptionChange, .member(memberID),
                    // A claim whose ids another tool made non-positive would not read back: left out of the key.
                    (TokenClaim(payload: claim.payload) == claim ? [.claim(claim)] : [])
                        + [.stop(stop), .at(Int64(now.timeIntervalSince1970))]),
                to: Recipient(memberID: memberID, name: member.name, email: email), amap: amap, storage: storage,
                now: now)
        }
        let what = contract.map { "relay of contract \($0)" } ?? kind.rawValue
        return (.request, "member \(memberID) \(stop ? "opted out of" : "opted back into") \(what)")
    }

    /// A coordinator's reply to a moderation request: "approuver"/"oui" relays, "rejeter"/"non" discards.
    private func moderate(
        _ held: Int64, reply: InboundMessage, inbound: NewInbound, amap: Amap, storage: Database, now: Date
    ) throws -> (InboundState, String) {
        guard let record = try storage.inbox.record(held), record.state == .held,
            let route = try storage.inbox.route(forAddress: record.recipient, defaultTimeZone: configuration.timeZone),
            route.amap.id == amap.id
        else { return (.declined, "message \(held) is not waiting for a decision") }
        let moderator = Self.moderator(of: route)
        let authors = AutomaticMail.authors(reply)
        guard authors.count == 1, let author = authors.first?.lowercased(), author == moderator.email.lowercased()
        else {
            return (.declined, "reply about message \(held) from someone who is not the contract's moderator")
        }
        if let authserv = configuration.relay.authservID {
            let domain = author.split(separator: "@").last.map(String.init) ?? ""
            guard AuthenticationResults.passes(reply, authservID: authserv, senderDomain: domain) else {
                return (.declined, "reply about message \(held) not authenticated by \(authserv)")
            }
        }
        let words = ReplyText.firstLine(of: reply).map(ReplyText.words) ?? []
        let approve = ["approuver", "approuve", "approuvé", "approve", "approved", "oui", "yes", "ok", "valider"]
        let reject = ["rejeter", "rejette", "rejeté", "reject", "rejected", "non", "no", "refuser", "refuse"]
        guard let first = words.first, approve.contains(first) || reject.contains(first) else {
            return (.declined, "reply about message \(held) says neither approve nor reject")
        }
        let approved = approve.contains(first)
        let detail: String
        if approved {
            detail = try approveHeld(held, storage: storage, now: now)
        } else {
            try RelayDesk.rejectHeld(held, storage: storage, now: now)
            detail = "rejected"
        }
        let decision =
            configuration.language == .fr ? (approved ? "relayé" : "rejeté") : (approved ? "relayed" : "rejected")
        let content = RelayNotice(
            inboundID: held, contract: route.contract.name, relayAddress: route.contract.relayAddress ?? "",
            senderName: record.senderName, senderAddress: record.sender, subject: record.subject, reason: decision,
            size: record.raw.count)
        try confirm(
            .relay(content), key: NoticeKey(.moderationDecision, .inbound(held)), to: moderator, amap: amap,
            storage: storage, now: now)
        return (.request, "message \(held) \(detail) by the moderator's reply")
    }

    /// Passes a person's message on to the AMAP (`reply_to`, else its address), DMARC-safe, Reply-To the sender.
    /// `done`: what Facteur already did about it (a volunteer taken off duty), said above the footer so that
    /// the AMAP does not do it twice.
    func forward(
        _ message: InboundMessage, inbound: NewInbound, id: Int64, amap: Amap, storage: Database, now: Date,
        done: String? = nil
    ) throws -> (InboundState, String) {
        let target = amap.replyTo ?? amap.email
        guard EmailAddress.isValid(inbound.sender), target.lowercased() != inbound.sender.lowercased() else {
            return (.ignored, "no one to pass it on to")
        }
        // The same limit as a relay's (DESIGN §5: messages over relay.max_bytes are never sent on).
        let outgoing = InboundParser.normaliseLineEnds(inbound.raw).count
        guard outgoing <= configuration.relay.maxBytes else {
            return (
                .refused,
                "message of \(outgoing) bytes is over relay.max_bytes (\(configuration.relay.maxBytes)): not passed on"
            )
        }
        let messageID = MessageHeaders.messageID(
            for: NoticeKey(.forwarded, .inbound(id)), domain: amap.domain, token: Token.random())
        let footer =
            (done.map { "—\n\($0)\n" } ?? "")
            + (configuration.language == .fr
                ? "—\nMessage écrit à \(amap.facteurAddress) et transmis par Facteur. Répondre à ce message répond à \(inbound.sender)."
                : "—\nMessage written to \(amap.facteurAddress), passed on by Facteur. Replying to it answers \(inbound.sender).")
        var envelope = RelayRewriter.Envelope(
            relayAddress: amap.facteurAddress, contractName: "", amapName: amap.name, senderName: inbound.senderName,
            replyTo: inbound.sender, to: Mailbox(name: amap.name, address: target), messageID: messageID,
            kind: NoticeKind.forwarded.rawValue, date: RFC5322Date.string(now, timeZone: amap.timeZone), footer: footer)
        // Mail From an address of the recipient's own domain with a Reply-To elsewhere looks like a spoof to
        // filters (rspamd's SPOOF_REPLYTO, +6) unless From is the recipient itself, as with a contact form.
        let domain = { (a: String) in a.split(separator: "@").last.map { $0.lowercased() } ?? "" }
        if domain(target) == domain(amap.facteurAddress) { envelope.fromAddress = target }
        guard let bytes = try? RelayRewriter().rewrite(message, for: envelope) else {
            return (.ignored, "cannot be passed on intact (lines over 998 octets)")
        }
        let notice = PlannedNotice(
            key: NoticeKey(.forwarded, .inbound(id)), amap: amap,
            recipient: Recipient(memberID: nil, name: amap.name, email: target), replyTo: inbound.sender, dueAt: now,
            lateUntil: now.addingTimeInterval(7 * 86_400), sendAfter: now, expired: false,
            content: .relay(
                RelayNotice(
                    inboundID: id, contract: "", relayAddress: amap.facteurAddress, senderName: inbound.senderName,
                    senderAddress: inbound.sender, subject: inbound.subject, reason: "", size: inbound.raw.count)))
        try storage.outbox.enqueue([OutboxEntry(notice: notice, messageID: messageID, body: bytes)], now: now)
        return (.forwarded, "passed on to \(target)")
    }

    /// A confirmation through the outbox, at once (quiet hours do not hold an answer the member awaits).
    func confirm(
        _ content: PlannedNotice.Content, key: NoticeKey, to recipient: Recipient, amap: Amap,
        storage: Database, now: Date
    ) throws {
        let notice = PlannedNotice(
            key: key, amap: amap, recipient: recipient, replyTo: amap.facteurAddress,
            dueAt: now, lateUntil: now.addingTimeInterval(7 * 86_400), sendAfter: now, expired: false, content: content)
        try enqueue(notice, token: nil, storage: storage, now: now)
    }
}
