import FacteurCore
import Foundation

/// Variables of `negative_balance` and `statement`.
extension NoticeContext {
    static func account(_ a: AccountNotice, dates: HumanDates, language: Language, now: Date) -> TemplateObject {
        func day(_ d: LocalDate) -> String { dates.date(d.at(hour: 12, minute: 0, in: dates.timeZone)) }
        let balance = a.balance
        var values: TemplateObject = [
            "contract": [
                "name": .string(a.contract), "starts_on": .string(day(a.startsOn)), "ends_on": .string(day(a.endsOn)),
            ],
            "producer": ["name": .string(a.producer), "farm": ""],
            "windows": .list(
                a.windows.map { w in
                    [
                        "closes": .string(dates.date(w.window.closesAt)), "total": .string(w.total.formatted(language)),
                        "lines": .list(w.lines.map { line($0, language: language) }),
                    ]
                }),
            "payments": .list(
                a.payments.map { p in
                    [
                        "date": .string(
                            p.receivedOn.map(day) ?? (language == .fr ? "date non lisible" : "date not readable")),
                        "amount": .string(p.amount.formatted(language)),
                        "method": .text(p.method), "reference": .text(p.reference),
                    ]
                }),
            "paid": .string(a.paid.formatted(language)),
            "ordered": .string(a.ordered.formatted(language)),
            "balance": .string(balance.formatted(language)),
            "balance_due": .string(balance.due.formatted(language)),
            "credit": .string(balance.credit.formatted(language)),
            "is_negative": .bool(balance.cents < 0),
            "is_positive": .bool(balance.cents > 0),
            "is_zero": .bool(balance.cents == 0),
            "order_url": .text(a.orderURL),
        ]
        if let since = a.debtSince {
            let days = max(0, Int(now.timeIntervalSince(since) / 86_400))
            values["debt"] = [
                "since": .string(dates.date(since)), "days": .string(String(days)),
                "days_words": .string(DigestWords.days(days, language)),
                "number": .string(String(a.noticeNumber)), "repeated": .bool(a.noticeNumber > 1),
            ]
        } else {
            values["debt"] = ["since": "", "days": "", "days_words": "", "number": "", "repeated": false]
        }
        return values
    }
}
