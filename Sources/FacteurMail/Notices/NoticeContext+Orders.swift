import FacteurCore
import Foundation

/// Variables of `order_open`, `order_reminder` and `order_summary`.
extension NoticeContext {
    static func order(_ order: OrderNotice, dates: HumanDates, language: Language) -> TemplateObject {
        let w = order.window
        var values: TemplateObject = [
            "contract": ["name": .string(order.contract)],
            "producer": ["name": .string(order.producer), "farm": .text(order.farm)],
            "window": [
                "opens": .string(dates.dateTime(w.opensAt)), "closes": .string(dates.dateTime(w.closesAt)),
                "unavailable": .text(w.unavailable), "notes": .text(w.notes),
            ],
            "order_url": .text(order.orderURL),
        ]
        if let d = order.distribution {
            values["distribution"] = [
                "date": .string(dates.date(d.startsAt)), "when": .string(dates.dateTime(d.startsAt)),
                "place": .string(d.place),
            ]
        } else {
            values["distribution"] = ["date": "", "when": "", "place": ""]
        }
        return values
    }

    static func line(_ line: OrderLine, language: Language) -> TemplateValue {
        [
            "product": .string(line.product), "quantity": .string(String(line.quantity)),
            "unit_price": .string(line.unitPrice.formatted(language)),
            "amount": .string(line.amount.formatted(language)),
        ]
    }

    static func summary(_ summary: OrderSummary, dates: HumanDates, language: Language) -> TemplateObject {
        var values = order(summary.order, dates: dates, language: language)
        values["products"] = .list(
            summary.products.map {
                [
                    "product": .string($0.product), "quantity": .string(String($0.quantity)),
                    "amount": .string($0.amount.formatted(language)),
                ]
            })
        values["members"] = .list(
            summary.members.map { m in
                [
                    "name": .string(m.name), "total": .string(m.total.formatted(language)),
                    "lines": .list(m.lines.map { line($0, language: language) }),
                ]
            })
        values["total"] = .string(summary.total.formatted(language))
        values["member_count"] = .string(String(summary.members.count))
        values["empty"] = .bool(summary.members.isEmpty)
        return values
    }
}
