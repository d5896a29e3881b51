import Foundation

/// `producer_sheet`: a producer's round (two or more distributions on one date), planned when every window
/// feeding it has closed or `producer_sheet.lead_hours` before its first distribution, whichever comes
/// first; planned again, threaded, whenever a figure changes before the round.
extension Planner {
    /// Rounds of the schedule: producer and local date → the non-cancelled distributions they deliver to.
    static func rounds(_ schedule: Schedule) -> [(producer: Int64, date: LocalDate, distributions: [Distribution])] {
        var groups: [String: (Int64, LocalDate, [Distribution])] = [:]
        for d in schedule.distributions where !d.cancelled {
            guard let amap = schedule.amaps[d.amapID] else { continue }
            let day = LocalDate(d.startsAt, in: amap.timeZone)
            let producers = Set(
                (schedule.deliveries[d.id] ?? []).compactMap { schedule.contracts[$0.contractID]?.producerID })
            for p in producers {
                let key = "\(p)/\(day)"
                var entry = groups[key] ?? (p, day, [])
                entry.2.append(d)
                groups[key] = entry
            }
        }
        return groups.values.filter { $0.2.count >= 2 }.sorted { ($0.0, $0.1.description) < ($1.0, $1.1.description) }
            .map { ($0.0, $0.1, $0.2.sorted { ($0.startsAt, $0.id) < ($1.startsAt, $1.id) }) }
    }
}

extension PlanningPass {
    mutating func planProducerSheets(from first: Int) -> Bool {
        walk(.producerSheets, Planner.rounds(schedule), from: first) { pass, round in
            pass.planSheet(round)
        }
    }

    private mutating func planSheet(_ round: (producer: Int64, date: LocalDate, distributions: [Distribution])) {
        guard let producer = schedule.producers[round.producer], let first = round.distributions.first,
            let amap = schedule.amaps[first.amapID]
        else { return }
        var stops: [ProducerSheet.Stop] = []
        var lastClose: Date?
        for d in round.distributions {
            guard let stopAmap = schedule.amaps[d.amapID] else { continue }
            let contracts = (schedule.deliveries[d.id] ?? []).compactMap { schedule.contracts[$0.contractID] }
                .filter { $0.producerID == round.producer }
            var shares: [ProducerSheet.Share] = []
            var ordered: [ProducerSheet.Quantity] = []
            for c in contracts.sorted(by: { $0.name < $1.name }) {
                let active = (schedule.subscribers[c.id] ?? []).filter { schedule.members[$0]?.active == true }
                shares.append(.init(contract: c.name, count: active.count))
                for w in schedule.orderWindows where w.contractID == c.id && w.distributionID == d.id {
                    lastClose = max(lastClose ?? w.closesAt, w.closesAt)
                    ordered += (schedule.orderLines[w.id] ?? []).map {
                        .init(product: $0.product, quantity: $0.quantity)
                    }
                }
            }
            stops.append(
                .init(
                    distributionID: d.id, amapID: stopAmap.id, amap: stopAmap.name, place: d.place,
                    startsAt: d.startsAt,
                    timeZone: stopAmap.timeZone, shares: shares, ordered: ProducerSheet.merged(ordered)))
        }
        var sheet = ProducerSheet(producer: producer.name, date: round.date, stops: stops)
        let subject = NoticeSubject.round(producer: round.producer, date: round.date)
        var key = NoticeKey(.producerSheet, subject, [.fingerprint(sheet.fingerprint)])
        if memory.existingKeys.contains(key), let previous = memory.sheetFigures[subject],
            previous.stops != sheet.figures.stops
        {
            // Only a place changed since the last sheet (times, shares and quantities are in the fingerprint): the
            // producer would drive to the old one. Sent again under a key with the places.
            key = NoticeKey(.producerSheet, subject, [.fingerprint(sheet.fingerprintWithPlaces)])
        }
        let earlier = memory.existingKeys.filter { $0.kind == .producerSheet && $0.subject == subject }
            .min { $0.rawValue < $1.rawValue }
        sheet.isUpdate = earlier != nil
        if sheet.isUpdate, let previous = memory.sheetFigures[subject] {
            sheet.changes = ProducerSheet.changes(from: previous, to: sheet.figures)
        }
        let leadDue = first.startsAt.addingTimeInterval(-settings.producerSheetLeadHours * 3600)
        let due = earlier != nil ? min(now, first.startsAt) : min(lastClose ?? leadDue, leadDue)
        emit(
            key, window: Window(due: due, lateUntil: first.startsAt), amap: amap,
            recipient: producer.email.map { Recipient(memberID: nil, name: producer.name, email: $0) },
            unreachableMember: nil, replyTo: amap.replyTo, details: { $0.threadKey = earlier }
        ) { .producerSheet(sheet) }
    }
}
