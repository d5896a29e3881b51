import FacteurCore
import Foundation

/// The subject, text and HTML templates of every kind for one language, parsed and validated.
public struct TemplateSet: Sendable {
    public struct Trio: Sendable {
        public var subject: Template
        public var text: Template
        public var html: Template

        /// The message's text and HTML parts (`multipart/alternative`), the HTML in the shared layout. Both stay
        /// bytes from the templates to the encoder (issue 15).
        public func alternative(_ context: TemplateValue, amap: String, language: Language) -> MIMEPart {
            Trio.alternative(
                text: text.renderedBytes(context, escaping: .none),
                laidOutHTML: MailLayout.wrapped(
                    html.renderedBytes(context, escaping: .html), amap: amap, language: language))
        }

        /// The same from the templates' renderings, the HTML already in the mail's layout.
        static func alternative(text: [UInt8], laidOutHTML: [UInt8]) -> MIMEPart {
            .multipart(
                subtype: "alternative",
                parts: [
                    .text(subtype: "plain", content: MIMEText(utf8: text)),
                    .text(subtype: "html", content: MIMEText(utf8: laidOutHTML)),
                ])
        }
    }

    public enum Part: String, Sendable, CaseIterable {
        case subject
        case txt
        case html
    }

    public let language: Language
    /// Which reading of the templates this is: a lane's frames (`NoticeFrameCache`) made from one set are never
    /// filled in for a notice composed with another (templates reloaded, another language's set).
    public let identity = UUID()
    private let trios: [NoticeKind: Trio]

    /// `source(kind, part)` returns the file's name and text, or nil when it is missing. Reading
    /// files is the caller's business: this module does no I/O.
    public init(language: Language, kinds: [NoticeKind], source: (NoticeKind, Part) -> (file: String, text: String?))
        throws(TemplateError)
    {
        self.language = language
        var trios: [NoticeKind: Trio] = [:]
        var errors: [TemplateError] = []
        for kind in kinds {
            var parsed: [Part: Template] = [:]
            let sample =
                kind == .test
                ? TestMessage.sampleContext
                : NoticeContext.make(
                    for: SampleNotices.notice(kind), language: language)
            // Every part of every kind is checked, and every fault reported, not only the first.
            for part in Part.allCases {
                let (file, text) = source(kind, part)
                guard let text else {
                    errors.append(TemplateError(file: file, line: 0, column: 0, problem: .missingFile))
                    continue
                }
                do {
                    let template = try Template(source: text, file: file)
                    try template.validate(against: sample)
                    parsed[part] = template
                } catch {
                    errors.append(error)
                }
            }
            if let subject = parsed[.subject], let text = parsed[.txt], let html = parsed[.html] {
                trios[kind] = Trio(subject: subject, text: text, html: html)
            }
        }
        if var first = errors.first {
            first.others = Array(errors.dropFirst())
            throw first
        }
        self.trios = trios
    }

    public func templates(for kind: NoticeKind) -> Trio? { trios[kind] }
}
