import FacteurCore

/// The subject, text and HTML templates of every kind for one language, parsed and validated.
public struct TemplateSet: Sendable {
    public struct Trio: Sendable {
        public var subject: Template
        public var text: Template
        public var html: Template
    }

    public enum Part: String, Sendable, CaseIterable {
        case subject
        case txt
        case html
    }

    public let language: Language
    private let trios: [NoticeKind: Trio]

    /// `source(kind, part)` returns the file's name and text, or nil when it is missing. Reading
    /// files is the caller's business: this module does no I/O.
    public init(language: Language, kinds: [NoticeKind], source: (NoticeKind, Part) -> (file: String, text: String?))
        throws(TemplateError)
    {
        self.language = language
        var trios: [NoticeKind: Trio] = [:]
        for kind in kinds {
            var parsed: [Part: Template] = [:]
            let sample =
                kind == .test
                ? TestMessage.sampleContext
                : NoticeContext.make(
                    for: SampleNotices.notice(kind), language: language)
            for part in Part.allCases {
                let (file, text) = source(kind, part)
                guard let text else { throw TemplateError(file: file, line: 0, column: 0, problem: .missingFile) }
                let template = try Template(source: text, file: file)
                try template.validate(against: sample)
                parsed[part] = template
            }
            trios[kind] = Trio(subject: parsed[.subject]!, text: parsed[.txt]!, html: parsed[.html]!)
        }
        self.trios = trios
    }

    public func templates(for kind: NoticeKind) -> Trio? { trios[kind] }
}
