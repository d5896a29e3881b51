import FacteurCore
import Foundation

/// Variables of the coordinator's `digest`.
extension NoticeContext {
    static func digest(_ d: DigestNotice, dates: HumanDates, language: Language) -> [String: TemplateValue] {
        func counts(_ c: [DigestNotice.Count]) -> TemplateValue {
            .list(c.map { ["kind": .string($0.kind), "count": .string(String($0.count))] })
        }
        return [
            "day": .string(dates.date(d.day.at(hour: 12, minute: 0, in: dates.timeZone))),
            "sent": counts(d.sent),
            "failed": counts(d.failed),
            "failures": .list(
                d.failures.map {
                    [
                        "address": .string($0.address), "kind": .string($0.kind), "state": .string($0.state),
                        "reason": .string($0.reason),
                    ]
                }),
            "debts": .list(
                d.debts.map {
                    [
                        "member": .string($0.member), "contract": .string($0.contract),
                        "balance": .string($0.balance.formatted(language)), "days": .string(String($0.days)),
                        "persistent": .bool($0.persistent),
                    ]
                }),
            "to_call": .list(
                d.toCall.map { ["name": .string($0.name), "phone": .text($0.phone), "about": .string($0.about)] }),
            "skipped_rows": .list(d.skippedRows.map { ["text": .string($0)] }),
            "pauses": .list(d.pauses.map { ["text": .string($0)] }),
            "held": .list(d.heldRelayMessages.map { ["text": .string($0)] }),
            // A section's heading is written once, above its items: `{{#has.failed}}heading{{/has.failed}}`.
            "has": [
                "failed": .bool(!d.failed.isEmpty), "failures": .bool(!d.failures.isEmpty),
                "debts": .bool(!d.debts.isEmpty), "to_call": .bool(!d.toCall.isEmpty),
                "skipped_rows": .bool(!d.skippedRows.isEmpty), "pauses": .bool(!d.pauses.isEmpty),
                "held": .bool(!d.heldRelayMessages.isEmpty),
            ],
        ]
    }
}
