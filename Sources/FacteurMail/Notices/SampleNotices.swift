import FacteurCore
import Foundation

/// A fully populated notice of each kind: templates are validated against its context, so every
/// variable a template names must exist, and `facteur check` renders each one.
public enum SampleNotices {
    public static func notice(_ kind: NoticeKind) -> PlannedNotice {
        let zone = TimeZone(identifier: "Europe/Paris")!
        let amap = Amap(
            id: 1, name: "AMAP des Lilas", email: "contact@amap-lilas.example.org",
            replyTo: "bureau@amap-lilas.example.org", timeZone: zone, website: "https://amap-lilas.example.org")
        let start = LocalDate(year: 2026, month: 11, day: 26).at(hour: 18, minute: 30, in: zone)
        let distribution = Distribution(
            id: 42, amapID: 1, startsAt: start, endsAt: start.addingTimeInterval(7200), place: "Préau de l'école",
            notes: "Apportez vos sacs.", cancelled: kind == .cancellation, dutyNeeded: 3)
        var content = DistributionNotice(
            distribution: distribution,
            deliveries: [.init(contract: "Légumes", producer: "Julie Martin", farm: "Ferme du Pré", notes: "Courges")],
            volunteers: [.init(name: "Hélène", role: "accueil")], recipientIsOnDuty: true, dutyMissing: 2,
            sequence: kind == .announcement ? 0 : 1,
            previous: kind == .change
                ? DistributionVersion(
                    startsAt: start.addingTimeInterval(-1800), endsAt: start, place: "Salle des fêtes")
                : nil)
        if kind == .dutyConfirmation { content.dutyAnswer = .joined }
        let links = UnsubscribeLinks(
            address: amap.facteurAddress, token: "u.7.\(kind.rawValue).0123456789abcdef0123456789abcdef",
            baseURL: "https://amap-lilas.example.org/facteur")
        if let other = SampleNotices.content(kind, amap: amap, start: start) {
            var notice = PlannedNotice(
                key: NoticeKey(kind, .sample, to: .member(7)), amap: amap,
                recipient: Recipient(memberID: 7, name: "Camille Dupont", email: "camille@example.net"),
                replyTo: amap.replyTo, dueAt: start, lateUntil: start, sendAfter: start, expired: false, content: other)
            if kind.isOptional { notice.unsubscribe = links }
            return notice
        }
        var notice = PlannedNotice(
            key: .distribution(kind, distribution: 42, member: 7), amap: amap,
            recipient: Recipient(memberID: 7, name: "Camille Dupont", email: "camille@example.net"),
            replyTo: amap.replyTo, dueAt: start, lateUntil: start, sendAfter: start, expired: false,
            threadKey: kind == .announcement ? nil : .distribution(.announcement, distribution: 42, member: 7),
            distributionID: 42, version: distribution.version, sequence: content.sequence,
            content: .distribution(content))
        if kind.isOptional { notice.unsubscribe = links }
        return notice
    }

    /// The kinds that have templates today.
    public static let templatedKinds: [NoticeKind] = [
        .announcement, .change, .cancellation, .dutyCall, .orderOpen, .orderReminder, .orderSummary,
        .negativeBalance, .statement, .digest, .moderation, .relayRefused, .subscriptionChange, .moderationDecision,
        .dutyConfirmation, .dutyReminder, .producerSheet,
        .test,
    ]
}
