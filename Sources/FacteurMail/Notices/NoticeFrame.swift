import FacteurCore

/// A notice's subject, text and HTML rendered once for all the recipients who read the same words but for their
/// own values (their name, their unsubscribe token), with a hole where each of those goes. A distribution's fifty
/// members are told the same thing in a handful of versions (their baskets, their duty), and the templates were
/// walked for each of them (issue 15). Filling the holes gives exactly the bytes rendering for that recipient gives:
/// the same values, escaped as the template asked.
struct NoticeFrame {
    /// What a recipient has of their own in a distribution or order notice.
    enum Hole: UInt8, CaseIterable {
        case name = 0
        case unsubscribeSubject
        case unsubscribeURL
        case unsubscribeHref

        /// An empty value is left as it is: sections read it as false, so whether it is empty is part of the
        /// frame's key, not a hole.
        func value(_ text: String) -> TemplateValue { text.isEmpty ? .string("") : .hole(rawValue) }

        /// The same as `text(in:).isEmpty`, without writing the text: the subject is « unsubscribe » and a
        /// token, the link a click opens is the page's address if there is one, else a `mailto:`.
        func isEmpty(in notice: PlannedNotice) -> Bool {
            guard let links = notice.unsubscribe else { return self != .name || notice.recipient.name.isEmpty }
            switch self {
            case .name: return notice.recipient.name.isEmpty
            case .unsubscribeSubject: return false
            case .unsubscribeURL: return links.url?.isEmpty ?? true
            case .unsubscribeHref: return links.url?.isEmpty ?? false
            }
        }

        func text(in notice: PlannedNotice) -> String {
            switch self {
            case .name: notice.recipient.name
            case .unsubscribeSubject: notice.unsubscribe?.subject ?? ""
            case .unsubscribeURL: notice.unsubscribe?.url ?? ""
            case .unsubscribeHref: notice.unsubscribe?.href ?? ""
            }
        }
    }

    let subject: [UInt8]
    let text: [UInt8]
    /// The HTML part, already in the mail's layout (`MailLayout`) when laying it out before filling its holes
    /// gives the same bytes as after (see `MailLayout.laysOutTheSameFilled`): the layout then runs once for the frame, not
    /// once for each recipient (issue 15).
    let html: [UInt8]
    let htmlIsLaidOut: Bool
    /// What the layout writes of its own: the AMAP's name (the same bytes for every notice a frame serves) and the
    /// language.
    private let amap: String
    private let language: Language

    init(_ notice: PlannedNotice, trio: TemplateSet.Trio, language: Language) {
        let context = NoticeContext.make(for: notice, language: language, holes: true)
        subject = trio.subject.renderedBytes(context, escaping: .none)
        text = trio.text.renderedBytes(context, escaping: .none)
        let html = trio.html.renderedBytes(context, escaping: .html)
        htmlIsLaidOut = MailLayout.laysOutTheSameFilled(html)
        self.html = htmlIsLaidOut ? MailLayout.wrapped(html, amap: notice.amap.name, language: language) : html
        amap = notice.amap.name
        self.language = language
    }

    /// The subject, text and HTML with each hole filled with the notice's own value, the HTML in the mail's layout.
    func filled(for notice: PlannedNotice) -> (subject: [UInt8], text: [UInt8], html: [UInt8]) {
        var values = [String?](repeating: nil, count: Hole.allCases.count)
        func value(_ hole: Hole) -> String {
            if let value = values[Int(hole.rawValue)] { return value }
            let value = hole.text(in: notice)
            values[Int(hole.rawValue)] = value
            return value
        }
        let html = NoticeFrame.filled(html, with: value)
        return (
            NoticeFrame.filled(subject, with: value), NoticeFrame.filled(text, with: value),
            htmlIsLaidOut ? html : MailLayout.wrapped(html, amap: amap, language: language)
        )
    }

    /// `bytes` (one of the frame's parts) with each hole filled with `value(hole)`.
    static func filled(_ bytes: [UInt8], with value: (Hole) -> String) -> [UInt8] {
        guard var mark = bytes.firstIndex(of: Template.holeMark) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 256)
        var copied = 0
        while true {
            out.append(contentsOf: bytes[copied..<mark])
            // The frame's own marks: three bytes, written by `Template` (a value's text holds no 0xFF byte).
            guard mark + 2 < bytes.count, let hole = Hole(rawValue: bytes[mark + 2]) else {
                copied = mark
                break
            }
            if bytes[mark + 1] == 1 {
                HTMLEscaping.escape(value(hole), into: &out)
            } else {
                out.append(contentsOf: value(hole).utf8)
            }
            copied = mark + 3
            guard let next = bytes[copied...].firstIndex(of: Template.holeMark) else { break }
            mark = next
        }
        out.append(contentsOf: bytes[copied...])
        return out
    }
}
