import FacteurCore
import Foundation

/// The variables a notice's templates see, built from the planner's plain values.
public enum NoticeContext {
    /// `holes`: the recipient's own values (name, unsubscribe token) are left as `NoticeFrame.Hole`s, for a
    /// rendering their distribution's or window's other recipients share (issue 15).
    public static func make(for notice: PlannedNotice, language: Language, holes: Bool = false) -> TemplateValue {
        let dates = HumanDates(language: language, timeZone: notice.amap.timeZone)
        var root: TemplateObject = [
            "amap": [
                "name": .string(notice.amap.name), "email": .string(notice.amap.email),
                "website": .text(notice.amap.website),
                // "de l'AMAP des Lilas" (French elision), "of AMAP des Lilas".
                "of": .string(language == .fr ? FrenchWords.de(amap: notice.amap.name) : "of \(notice.amap.name)"),
                // "l'AMAP des Lilas" (with its article), "AMAP des Lilas".
                "the": .string(language == .fr ? FrenchWords.le(notice.amap.name) : notice.amap.name),
            ],
            "member": [
                "name": holes ? NoticeFrame.Hole.name.value(notice.recipient.name) : .string(notice.recipient.name)
            ],
        ]
        if let links = notice.unsubscribe {
            root["unsubscribe"] = unsubscribe(links, kind: notice.kind, language: language, holes: holes)
        }
        switch notice.content {
        case .distribution(let content):
            root.merge(distribution(content, dates: dates))
        case .order(let order):
            root.merge(self.order(order, dates: dates, language: language))
        case .orderSummary(let summary):
            root.merge(self.summary(summary, dates: dates, language: language))
        case .digest(let digest):
            root.merge(self.digest(digest, dates: dates, language: language))
        case .relay(let relay):
            root["message"] = [
                "id": .string(String(relay.inboundID)), "contract": .string(relay.contract),
                "relay_address": .string(relay.relayAddress), "sender_name": .string(relay.senderName),
                // "d'Éloïse", "de Julie" (French elision), "from Éloïse".
                "of_sender": .string(
                    language == .fr ? FrenchWords.de(relay.senderName) : "from \(relay.senderName)"),
                "sender": .string(relay.senderAddress), "subject": .string(relay.subject),
                "reason": .string(relay.reason), "size_kb": .string(String((relay.size + 1023) / 1024)),
            ]
        case .producerSheet(let sheet):
            root["sheet"] = ProducerSheetContext.make(sheet, dates: dates, language: language)
        case .subscription(let change):
            root["change"] = [
                "what": .string(SubscriptionWords.what(change.kind, contract: change.contract, language: language)),
                "stopped": .bool(change.stopped), "resumed": .bool(!change.stopped),
                "address": .string(change.undo.address),
                "undo_subject": .string((change.stopped ? "subscribe " : "unsubscribe ") + change.undo.token),
                "url": .text(change.undo.url),
            ]
        case .account(let account):
            root.merge(self.account(account, dates: dates, language: language, now: notice.dueAt))
        }
        return .object(root)
    }

    /// `{{unsubscribe.what}}`, `.address`, `.subject`, `.url`, `.href`: one line in every opt-out-able notice.
    static func unsubscribe(_ links: UnsubscribeLinks, kind: NoticeKind, language: Language, holes: Bool = false)
        -> TemplateValue
    {
        [
            "what": .string(SubscriptionWords.what(kind, contract: nil, language: language)),
            "address": .string(links.address),
            "subject": holes ? NoticeFrame.Hole.unsubscribeSubject.value(links.subject) : .string(links.subject),
            "url": holes ? NoticeFrame.Hole.unsubscribeURL.value(links.url ?? "") : .text(links.url),
            "href": holes ? NoticeFrame.Hole.unsubscribeHref.value(links.href) : .string(links.href),
        ]
    }

    static func distribution(_ content: DistributionNotice, dates: HumanDates) -> TemplateObject {
        let d = content.distribution
        var values: TemplateObject = [
            "distribution": [
                "date": .string(dates.date(d.startsAt)), "start": .string(dates.time(d.startsAt)),
                "end": .string(dates.time(d.endsAt)), "when": .string(dates.dateTime(d.startsAt)),
                "place": .string(d.place), "notes": .text(d.notes),
            ],
            "deliveries": .list(
                content.deliveries.map {
                    [
                        "contract": .string($0.contract), "producer": .string($0.producer), "farm": .text($0.farm),
                        "notes": .text($0.notes),
                    ]
                }),
            "volunteers": .list(content.volunteers.map { ["name": .string($0.name), "role": .text($0.role)] }),
            "on_duty": .bool(content.recipientIsOnDuty),
            "reinstated": .bool(content.reinstated), "moved": .bool(!content.reinstated),
            "duty_missing": .string(content.dutyMissing > 0 ? "\(content.dutyMissing)" : ""),
            "duty_missing_words": .string(
                content.dutyMissing <= 0
                    ? ""
                    : dates.language == .fr
                        ? FrenchWords.count(content.dutyMissing, "bénévole", "bénévoles")
                        : content.dutyMissing == 1 ? "1 more volunteer" : "\(content.dutyMissing) more volunteers"),
            "answer": [
                "joined": .bool(content.dutyAnswer == .joined), "already": .bool(content.dutyAnswer == .already),
                "full": .bool(content.dutyAnswer == .full), "withdrawn": .bool(content.dutyAnswer == .withdrawn),
                "closed": .bool(content.dutyAnswer == .closed),
            ],
        ]
        if let previous = content.previous {
            values["previous"] = [
                "date": .string(dates.date(previous.startsAt)), "start": .string(dates.time(previous.startsAt)),
                "end": .string(dates.time(previous.endsAt)), "when": .string(dates.dateTime(previous.startsAt)),
                "place": .string(previous.place),
            ]
            values["changed"] = [
                "time": .bool(previous.startsAt != d.startsAt || previous.endsAt != d.endsAt),
                "place": .bool(previous.place != d.place),
            ]
        } else {
            values["previous"] = ["date": "", "start": "", "end": "", "when": "", "place": ""]
            values["changed"] = ["time": false, "place": false]
        }
        return values
    }
}
