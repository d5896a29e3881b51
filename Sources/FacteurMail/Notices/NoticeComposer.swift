import FacteurCore
import Foundation

/// Turns a planned notice into a complete message: headers of DESIGN §4, text and HTML alternatives,
/// and for distribution notices a `text/calendar; method=PUBLISH` part.
public struct NoticeComposer: Sendable {
    public var templates: TemplateSet

    public init(templates: TemplateSet) {
        self.templates = templates
    }

    public enum ComposeError: Error, CustomStringConvertible {
        case noTemplates(NoticeKind)
        /// An account whose order history was not read (see `AccountNotice.isComplete`): its balance would be wrong.
        case incompleteAccount(contractID: Int64)

        public var description: String {
            switch self {
            case .noTemplates(let kind): return "no templates for notice kind \(kind.rawValue)"
            case .incompleteAccount(let id): return "the orders of contract \(id) were not read: no balance is mailed"
            }
        }
    }

    /// - Parameters:
    ///   - messageID: this message's `Message-ID`, without angle brackets.
    ///   - threadMessageID: the announcement's, for `In-Reply-To`/`References`.
    ///   - calendars: the rendering lane's last calendar, reused when this notice's event is the same.
    ///   - frames: the rendering lane's last texts, filled in for this recipient when they read the same words.
    ///   - headers: the rendering lane's last header values, reused when they are written from the same bytes.
    public func compose(
        _ notice: PlannedNotice, messageID: String, threadMessageID: String?, date: Date,
        calendars: CalendarCache? = nil, frames: NoticeFrameCache? = nil, headers: HeaderMemo? = nil
    ) throws -> MailMessage {
        guard let trio = templates.templates(for: notice.kind) else { throw ComposeError.noTemplates(notice.kind) }
        if case .account(let account) = notice.content, !account.isComplete {
            throw ComposeError.incompleteAccount(contractID: account.contractID)
        }
        // The HTML in the mail's layout.
        let words: (subject: [UInt8], text: [UInt8], html: [UInt8])
        if let frame = frames?.frame(for: notice, templates: templates) {
            words = frame.filled(for: notice)
        } else {
            let context = NoticeContext.make(for: notice, language: templates.language)
            words = (
                trio.subject.renderedBytes(context, escaping: .none), trio.text.renderedBytes(context, escaping: .none),
                MailLayout.wrapped(
                    trio.html.renderedBytes(context, escaping: .html), amap: notice.amap.name,
                    language: templates.language)
            )
        }
        let subject = HeaderText.neutralise(String(decoding: words.subject, as: UTF8.self))
        var fields = MessageHeaders.common(
            amap: notice.amap, to: Mailbox(name: notice.recipient.name, address: notice.recipient.email),
            replyTo: notice.replyTo, subject: subject, messageID: messageID, date: date, kind: notice.kind,
            memo: headers)
        if let threadMessageID {
            fields.append(.init("In-Reply-To", "<\(threadMessageID)>"))
            fields.append(.init("References", "<\(threadMessageID)>"))
        }
        if notice.kind.isOptional, let links = notice.unsubscribe {
            fields += MessageHeaders.list(amap: notice.amap, kind: notice.kind, links: links, memo: headers)
        }
        let alternative = TemplateSet.Trio.alternative(text: words.text, laidOutHTML: words.html)
        var body = alternative
        if case .producerSheet(let sheet) = notice.content {
            body = .multipart(
                subtype: "mixed",
                parts: [
                    alternative,
                    .attachment(
                        contentType: "text/csv; charset=UTF-8; header=present",
                        filename: "\(templates.language == .fr ? "tournee" : "round")-\(sheet.date).csv",
                        data: ProducerSheetContext.csv(sheet, language: templates.language)),
                ])
        }
        if case .relay(let relay) = notice.content, let original = relay.original {
            body = .multipart(subtype: "mixed", parts: [alternative, .message(raw: original)])
        }
        if case .orderSummary(let summary) = notice.content {
            let day = LocalDate(summary.order.window.closesAt, in: notice.amap.timeZone)
            body = .multipart(
                subtype: "mixed",
                parts: [
                    alternative,
                    .attachment(
                        contentType: "text/csv; charset=UTF-8; header=present",
                        filename:
                            "\(templates.language == .fr ? "commandes" : "orders")-\(summary.order.contract)-\(day).csv",
                        data: OrderSummaryCSV.make(summary, language: templates.language)),
                ])
        }
        if case .distribution(let content) = notice.content, notice.kind.isAboutDistribution,
            content.dutyAnswer != .closed
        {
            let event = CalendarEvent(
                uid: "distribution-\(content.distribution.id)@\(notice.amap.domain)", sequence: content.sequence,
                start: content.distribution.startsAt, end: content.distribution.endsAt,
                summary: "Distribution \(notice.amap.name)", location: content.distribution.place,
                description: content.deliveries.map { "\($0.contract) (\($0.producer))" }.joined(separator: "\n"),
                organizer: Mailbox(name: notice.amap.name, address: notice.amap.email),
                cancelled: notice.kind == .cancellation, stamp: date)
            let ics = calendars?.ics(for: event) ?? Array(ICalendar.publish([event]).utf8)
            let day = LocalDate(content.distribution.startsAt, in: notice.amap.timeZone)
            body = .multipart(
                subtype: "mixed",
                parts: [
                    alternative,
                    .attachment(
                        contentType: "text/calendar; charset=UTF-8; method=PUBLISH",
                        filename: "distribution-\(day).ics", data: ics),
                ])
        }
        return MailMessage(fields: fields, body: body)
    }
}
