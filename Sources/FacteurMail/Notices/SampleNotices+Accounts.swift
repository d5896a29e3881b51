import FacteurCore
import Foundation

/// Sample order and account notices, for validating their templates.
extension SampleNotices {
    static func order(_ amap: Amap, start: Date) -> OrderNotice {
        let window = OrderWindow(
            id: 5, contractID: 3, opensAt: start.addingTimeInterval(-6 * 86_400),
            closesAt: start.addingTimeInterval(-2 * 86_400), distributionID: 42, unavailable: "Pain aux noix",
            notes: "Nouveau : pain d'épeautre")
        return OrderNotice(
            window: window, contract: "Pain", producer: "Fournil Saint-Jean", farm: "Fournil",
            orderURL: "https://amap-lilas.example.org/pain",
            distribution: Distribution(
                id: 42, amapID: 1, startsAt: start, endsAt: start.addingTimeInterval(7200), place: "Préau"))
    }

    static func lines() -> [OrderLine] {
        [
            OrderLine(
                windowID: 5, memberID: 7, product: "Pain de campagne 1 kg", quantity: 2, unitPrice: Money(cents: 450)),
            OrderLine(
                windowID: 5, memberID: 8, product: "Pain de campagne 1 kg", quantity: 1, unitPrice: Money(cents: 450)),
            OrderLine(windowID: 5, memberID: 8, product: "Brioche", quantity: 1, unitPrice: Money(cents: 600)),
        ]
    }

    static func content(_ kind: NoticeKind, amap: Amap, start: Date) -> PlannedNotice.Content? {
        switch kind {
        case .orderOpen, .orderReminder:
            return .order(order(amap, start: start))
        case .orderSummary:
            return .orderSummary(
                OrderSummary(
                    order: order(amap, start: start), lines: lines(), memberNames: [7: "Camille Dupont", 8: "Zoé"]))
        case .negativeBalance, .statement:
            let contract = Contract(
                id: 3, amapID: 1, producerID: 3, name: "Pain", startsOn: LocalDate(year: 2026, month: 9, day: 1),
                endsOn: LocalDate(year: 2027, month: 2, day: 28), orderURL: "https://amap-lilas.example.org/pain")
            let order = order(amap, start: start)
            return .account(
                AccountNotice(
                    member: 7, contract: contract, producer: Producer(id: 3, name: "Fournil Saint-Jean"),
                    windows: [order.window],
                    lines: lines().filter { $0.memberID == 7 },
                    payments: [
                        Payment(
                            memberID: 7, contractID: 3, amount: Money(cents: 500),
                            receivedOn: LocalDate(year: 2026, month: 9, day: 3),
                            method: "chèque", reference: "n° 1234")
                    ], debtSince: kind == .negativeBalance ? start.addingTimeInterval(-9 * 86_400) : nil,
                    noticeNumber: kind == .negativeBalance ? 2 : 0))
        case .producerSheet:
            let zone = amap.timeZone
            var sheet =
                ProducerSheet(
                    producer: "Julie Martin", date: LocalDate(start, in: zone),
                    stops: [
                        .init(
                            distributionID: 42, amapID: 1, amap: "AMAP des Lilas", place: "Préau de l'école",
                            startsAt: start, timeZone: zone, shares: [.init(contract: "Légumes", count: 38)],
                            ordered: [.init(product: "Œufs (boîte de 6)", quantity: 12)]),
                        .init(
                            distributionID: 57, amapID: 2, amap: "AMAP du Moulin", place: "Halle du marché",
                            startsAt: start.addingTimeInterval(5400), timeZone: zone,
                            shares: [.init(contract: "Panier légumes", count: 24)],
                            ordered: [.init(product: "Œufs (boîte de 6)", quantity: 7)]),
                    ], isUpdate: false)
            // Shown only in an update; here so that templates are checked against every variable.
            sheet.changes = [.quantity(product: "Œufs (boîte de 6)", from: 17, to: 19)]
            return .producerSheet(sheet)
        case .subscriptionChange:
            return .subscription(
                SubscriptionNotice(
                    kind: .announcement, contract: nil, stopped: true,
                    undo: UnsubscribeLinks(
                        address: amap.facteurAddress, token: "u.7.announcement.0123456789abcdef0123456789abcdef",
                        baseURL: "https://amap-lilas.example.org/facteur")))
        case .moderation, .relayRefused, .relay, .relayToProducer, .moderationDecision, .forwarded:
            return .relay(
                RelayNotice(
                    inboundID: 12, contract: "Légumes", relayAddress: "legumes@amap-lilas.example.org",
                    senderName: "Inconnu", senderAddress: "inconnu@example.com", subject: "Promotion",
                    reason: "expéditeur inconnu", size: 12_345_678))
        case .digest:
            var digest =
                DigestNotice(
                    day: LocalDate(year: 2026, month: 11, day: 24), sent: [.init(kind: "announcement", count: 12)],
                    failed: [.init(kind: "announcement", count: 1)],
                    failures: [
                        .init(
                            address: "zoe@example.net", name: "Zoé Martin", kind: "announcement", state: "failed",
                            reason: "550 5.1.1 No such user")
                    ],
                    debts: [
                        .init(
                            member: "Jérôme", contract: "Pain", balance: Money(cents: -1250), days: 15, persistent: true
                        )
                    ],
                    toCall: [
                        .init(
                            name: "André Petit", phone: "01 23 45 67 89", about: "announcement d42",
                            kind: .announcement,
                            when: LocalDate(year: 2026, month: 11, day: 26).at(
                                hour: 18, minute: 30, in: TimeZone(identifier: "Europe/Paris")!))
                    ],
                    skippedRows: ["distribution/43 — place (le lieu) est vide"], pauses: ["authentication refused: 535 5.7.8"],
                    heldRelayMessages: ["message d'inconnu@example.com"])
            digest.volunteerAnswers = [
                .init(
                    member: "Camille Dupont",
                    distribution: LocalDate(year: 2026, month: 11, day: 26).at(
                        hour: 18, minute: 30, in: TimeZone(identifier: "Europe/Paris")!), answer: .joined)
            ]
            digest.missed = [
                .init(
                    kind: "order_reminder", count: 3,
                    when: LocalDate(year: 2026, month: 11, day: 24).at(
                        hour: 20, minute: 0, in: TimeZone(identifier: "Europe/Paris")!))
            ]
            return .digest(digest)
        default:
            return nil
        }
    }
}
