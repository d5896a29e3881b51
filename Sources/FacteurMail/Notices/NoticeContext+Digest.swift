import FacteurCore
import Foundation

/// Variables of the coordinator's `digest`.
extension NoticeContext {
    static func digest(_ d: DigestNotice, dates: HumanDates, language: Language) -> TemplateObject {
        func counts(_ c: [DigestNotice.Count]) -> TemplateValue {
            .list(
                c.map {
                    [
                        "kind": .string(NoticeKindNames.name(stored: $0.kind, language)),
                        "count": .string(String($0.count)),
                    ]
                })
        }
        // What to tell them on the phone: the distribution's time and place as they are now (a change's news), an
        // order window's closing.
        func about(
            _ kind: NoticeKind?, otherwise: String, when: Date?, place: String?, contract: String? = nil,
            balance: Money? = nil
        ) -> String {
            // A kind Facteur does not know is another tool's text: said as written, on one line.
            guard let kind else { return String(otherwise.map { $0.isNewline || $0 == "\t" ? " " : $0 }) }
            let fr = language == .fr
            var name = NoticeKindNames.name(kind, language)
            // « Relevé de fin de contrat, Légumes (solde : −12,50 €) »: which contract, and what to say about it.
            if let contract, !contract.isEmpty { name += ", \(contract)" }
            if let balance {
                let amount = balance.formatted(language)
                name += fr ? " (solde : \(amount))" : " (balance: \(amount))"
            }
            guard let when else { return name }
            if [.orderOpen, .orderReminder, .orderSummary].contains(kind) {
                return fr ? "\(name) (clôture le \(dates.dateTime(when)))" : "\(name) (closing \(dates.dateTime(when)))"
            }
            let place = place.map { $0.isEmpty ? "" : ", \($0)" } ?? ""
            if kind == .cancellation {
                return fr ? "\(name) du \(dates.date(when))" : "\(name) for \(dates.date(when))"
            }
            return fr ? "\(name) du \(dates.dateTime(when))\(place)" : "\(name) for \(dates.dateTime(when))\(place)"
        }
        return [
            "day": .string(dates.date(d.day.at(hour: 12, minute: 0, in: dates.timeZone))),
            "sent": counts(d.sent),
            "failed": counts(d.failed),
            "failures": .list(
                d.failures.map {
                    [
                        "address": .string($0.address), "name": .string($0.name),
                        "who": .string($0.name.isEmpty ? $0.address : "\($0.name) <\($0.address)>"),
                        "kind": .string(NoticeKindNames.name(stored: $0.kind, language)), "state": .string($0.state),
                        "about": .string(
                            about(
                                NoticeKind(rawValue: $0.kind), otherwise: $0.kind, when: $0.when, place: $0.place,
                                contract: $0.contract)),
                        "reason": .string($0.reason),
                        "advice": .string(DigestWords.advice(reason: $0.reason, state: $0.state, language)),
                    ]
                }),
            "debts": .list(
                d.debts.map {
                    [
                        "member": .string($0.member), "contract": .string($0.contract),
                        "balance": .string($0.balance.formatted(language)), "days": .string(String($0.days)),
                        "since": .string(DigestWords.since(days: $0.days, language)),
                        "persistent": .bool($0.persistent),
                    ]
                }),
            "to_call": .list(
                d.toCall.map {
                    [
                        "name": .string($0.name), "phone": .text($0.phone),
                        "about": .string(
                            about(
                                $0.kind, otherwise: $0.about, when: $0.when, place: $0.place, contract: $0.contract,
                                balance: $0.balance)),
                    ]
                }),
            "missed": .list(
                d.missed.map {
                    [
                        "about": .string(
                            about(
                                NoticeKind(rawValue: $0.kind), otherwise: $0.kind, when: $0.when, place: $0.place,
                                contract: $0.contract)),
                        "recipients": .string(DigestWords.recipients($0.count, language)),
                    ]
                }),
            "skipped_rows": .list(d.skippedRows.map { ["text": .string($0)] }),
            "pauses": .list(DigestWords.pauses(d.pauses, language).map { ["text": .string($0)] }),
            "held": .list(d.heldRelayMessages.map { ["text": .string($0)] }),
            "answers": .list(
                d.volunteerAnswers.map {
                    [
                        "member": .string($0.member),
                        "text": .string(
                            DigestWords.answer(
                                $0.answer, dates.date($0.distribution), inTimeForNewCall: $0.inTimeForNewCall, language)
                        ),
                    ]
                }),
            // A section's heading is written once, above its items: `{{#has.failed}}heading{{/has.failed}}`.
            "has": [
                "failed": .bool(!d.failed.isEmpty), "failures": .bool(!d.failures.isEmpty),
                "debts": .bool(!d.debts.isEmpty), "to_call": .bool(!d.toCall.isEmpty),
                "skipped_rows": .bool(!d.skippedRows.isEmpty), "pauses": .bool(!d.pauses.isEmpty),
                "held": .bool(!d.heldRelayMessages.isEmpty), "answers": .bool(!d.volunteerAnswers.isEmpty),
                "missed": .bool(!d.missed.isEmpty), "stopped": .bool(d.facteurWasStopped),
            ],
        ]
    }
}
