import FacteurCore
import FacteurMail
import FacteurStore
import Foundation

/// "Volunteers answer by mail" (DESIGN §2): a "oui" to a call signs the member up while volunteers are
/// missing, a "non" takes them off; each gets a `duty_confirmation`. A token acts only for its member and
/// distribution, and only when the reply comes from that member's own address.
extension RelayDesk {
    static let yesWords: Set<String> = [
        "oui", "yes", "ok", "okay", "d'accord", "partant", "partante", "présent", "présente",
    ]
    static let noWords: Set<String> = ["non", "no", "annuler", "cancel", "empêché", "empêchée"]
    /// What makes a "no" say all is well: "no problem", « non, aucun souci », « non non, pas de problème ».
    static let reassuringWords: Set<String> = [
        "souci", "soucis", "problème", "problèmes", "probleme", "pb", "problem", "problems", "worries", "worry",
    ]

    /// "no problem", "no worries", « (non,) aucun souci », « (non,) pas de problème »: the words right after the no
    /// say nothing is wrong. « Non, j'ai un souci de santé » is a real no.
    static func isReassuring(_ words: [String]) -> Bool {
        var rest = words.dropFirst()
        while rest.first.map(noWords.contains) == true { rest = rest.dropFirst() }  // « non non »
        guard let next = rest.first else { return false }
        if reassuringWords.contains(next) { return true }
        let after = Array(rest.dropFirst().prefix(2))
        return ["aucun", "aucune", "pas"].contains(next) && after.contains(where: reassuringWords.contains)
    }

    /// Nil when the reply is neither yes nor no (or says more than that): the caller passes it on to the AMAP.
    func volunteer(
        member memberID: Int64, distribution distributionID: Int64, reply: InboundMessage, inbound: NewInbound,
        id: Int64, amap: Amap, storage: Database, now: Date
    ) throws -> (InboundState, String)? {
        let lines = ReplyText.withoutSignOff(ReplyText.writtenLines(of: reply), senderName: inbound.senderName)
        guard let first = lines.first else { return nil }
        var words = ReplyText.words(first)
        // A yes with more to say ("je viens mais en retard") is also passed on: a person should read it.
        let saysMore = lines.count > 1 || words.count > 3
        if words.first == "je", words.dropFirst().first == "viens" { words = ["oui"] + words.dropFirst(2) }
        if words.starts(with: ["je", "ne", "peux", "plus"]) { words = ["non"] }
        guard let word = words.first, Self.yesWords.contains(word) || Self.noWords.contains(word) else { return nil }
        // Taking a volunteer off duty on a misread line leaves a distribution short: a "no" that says "no problem"
        // is passed on to a person instead.
        if Self.noWords.contains(word), Self.isReassuring(words) { return nil }
        guard let member = try storage.inbox.member(memberID), member.amapID == amap.id,
            let email = member.email
        else { return (.declined, "volunteer token for member \(memberID), who is not a member of this AMAP") }
        guard inbound.sender.lowercased() == email.lowercased() else {
            // Only the member's own address answers for them (a forwarded call must not sign anyone up). The AMAP
            // is told that nothing was recorded, and why: the member believes they answered.
            let note =
                configuration.language == .fr
                ? "Facteur n'a rien changé à la permanence : cette réponse vient de \(inbound.sender), et non de "
                    + "l'adresse de \(member.name) (\(email)) à qui Facteur avait écrit. Si c'est bien la même personne, "
                    + "faites le changement vous-même ou demandez-lui de répondre depuis son adresse."
                : "Facteur changed nothing on duty: this answer comes from \(inbound.sender), not from the address of "
                    + "\(member.name) (\(email)) that Facteur wrote to. If it is the same person, make the change "
                    + "yourselves or ask them to answer from their address."
            let passed = try forward(
                reply, inbound: inbound, id: id, amap: amap, storage: storage, now: now, done: note)
            return (passed.0, "volunteer answer for member \(memberID) from another address; \(passed.1)")
        }
        guard let distribution = try storage.inbox.distribution(distributionID, amap: amap) else {
            return (.declined, "volunteer answer for distribution \(distributionID), which is gone")
        }
        guard !distribution.cancelled, distribution.startsAt > now else {
            // The member (their own address, checked above) is told their answer changed nothing, and why.
            // Who was on duty, as it stands: the confirmation lists them (an empty list read « personne »).
            let onDuty = try storage.inbox.duties(at: distributionID)
            var content = DistributionNotice(
                distribution: distribution, deliveries: [],
                volunteers: onDuty.map { DistributionNotice.Volunteer(name: $0.name, role: $0.role) },
                recipientIsOnDuty: onDuty.contains { $0.member == memberID }, dutyMissing: 0,
                sequence: try storage.inbox.calendarSequence(of: distributionID))
            content.dutyAnswer = .closed
            try storage.inbox.recordAnswer(.closed, distribution: distributionID, member: memberID, now: now)
            try confirmDuty(
                content, member: member, email: email,
                key: NoticeKey(.dutyConfirmation, .distribution(distributionID), to: .member(memberID), [.inbound(id)]),
                amap: amap, storage: storage, now: now)
            return (.declined, "volunteer answer for distribution \(distributionID), which is cancelled or over")
        }
        let onDuty = try storage.inbox.duties(at: distributionID)
        let already = onDuty.contains { $0.member == memberID }
        let answer: DistributionNotice.DutyAnswer
        if Self.yesWords.contains(word) {
            if already {
                answer = .already
            } else if onDuty.count >= distribution.dutyNeeded {
                answer = .full
            } else {
                try storage.inbox.addDuty(distribution: distributionID, member: memberID)
                answer = .joined
            }
        } else {
            guard already else { return nil }  // a "non" from someone not on duty: a person should read it
            try storage.inbox.removeDuty(distribution: distributionID, member: memberID, now: now)
            answer = .withdrawn
        }
        try storage.inbox.recordAnswer(answer, distribution: distributionID, member: memberID, now: now)
        let volunteers = try storage.inbox.duties(at: distributionID).map {
            DistributionNotice.Volunteer(name: $0.name, role: $0.role)
        }
        var content = DistributionNotice(
            distribution: distribution, deliveries: try storage.inbox.deliveries(at: distributionID),
            volunteers: volunteers,
            recipientIsOnDuty: answer == .joined || answer == .already,
            dutyMissing: max(0, distribution.dutyNeeded - volunteers.count),
            sequence: try storage.inbox.calendarSequence(of: distributionID))
        content.dutyAnswer = answer
        try confirmDuty(
            content, member: member, email: email,
            key: NoticeKey(.dutyConfirmation, .distribution(distributionID), to: .member(memberID), [.inbound(id)]),
            amap: amap, storage: storage, now: now)
        // A withdrawal is passed on to the AMAP at once (a person must find someone else), as is a yes with more.
        if saysMore || answer == .withdrawn {
            let when = HumanDates(language: configuration.language, timeZone: amap.timeZone).dateTime(
                distribution.startsAt)
            let fr = configuration.language == .fr
            let done: String? =
                switch answer {
                case .withdrawn:
                    // A new call goes out only while volunteers are missing, until two hours before (planning).
                    (fr
                        ? "Facteur a déjà retiré \(member.name) de la permanence du \(when)"
                        : "Facteur has already taken \(member.name) off duty for \(when)")
                        + (volunteers.count < distribution.dutyNeeded
                            && now < distribution.startsAt.addingTimeInterval(-2 * 3600)
                            ? (fr ? " et relancé l'appel aux bénévoles." : " and called for volunteers again.")
                            : ".")
                case .joined:
                    fr
                        ? "Facteur a déjà inscrit \(member.name) à la permanence du \(when)."
                        : "Facteur has already put \(member.name) on duty for \(when)."
                default: nil
                }
            _ = try forward(reply, inbound: inbound, id: id, amap: amap, storage: storage, now: now, done: done)
        }
        return (.request, "member \(memberID) \(answer.rawValue) for distribution \(distributionID)")
    }

    private func confirmDuty(
        _ content: DistributionNotice, member: Member, email: String, key: NoticeKey, amap: Amap, storage: Database,
        now: Date
    ) throws {
        var notice = PlannedNotice(
            key: key, amap: amap,
            recipient: Recipient(memberID: member.id, name: member.name, email: email), replyTo: amap.facteurAddress,
            // An answer about a distribution that is over is still worth telling: a week, not its start.
            dueAt: now, lateUntil: max(content.distribution.startsAt, now.addingTimeInterval(7 * 86_400)),
            sendAfter: now,
            expired: false,
            distributionID: content.distribution.id, sequence: content.sequence, content: .distribution(content))
        notice.threadKey = nil
        // The confirmation carries the token too: a later "non" to it withdraws.
        try enqueue(
            notice, token: .volunteer(member: member.id, distribution: content.distribution.id), storage: storage,
            now: now)
    }
}
