/// The outbox's unique key for a notice, such as `announcement/d42/m7`: planning again never creates a
/// second row with the same key, so the key must say everything that makes two notices different.
///
/// The grammar is `kind/subject[/audience][/qualifier…]`, written and read only here (`rawValue` and
/// `init?(rawValue:)`): the published keys of earlier versions decode to the same values, and any text
/// that does not re-encode to itself is refused, so an unknown key can never equal a planned one.
public struct NoticeKey: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
    public var kind: NoticeKind
    public var subject: NoticeSubject
    /// Who receives it, when the subject alone does not say (a member, a producer, the contract's roles).
    public var audience: NoticeAudience?
    /// What makes this notice another one than an earlier one about the same subject and audience.
    public var qualifiers: [NoticeQualifier]

    public init(
        _ kind: NoticeKind, _ subject: NoticeSubject, to audience: NoticeAudience? = nil,
        _ qualifiers: [NoticeQualifier] = []
    ) {
        self.kind = kind
        self.subject = subject
        self.audience = audience
        self.qualifiers = qualifiers
    }

    public var rawValue: String {
        // Appended into one string, not joined from an array of parts: every notice's key is written out when
        // it is rendered, queued and logged (issue 15).
        var text = ""
        text.reserveCapacity(64)
        text += kind.rawValue
        let topic = subject.topic
        if !topic.isEmpty {
            text += "/"
            text += topic
        }
        if let audience {
            text += "/"
            text += audience.rawValue
        }
        for qualifier in qualifiers {
            text += "/"
            text += qualifier.rawValue
        }
        return text
    }

    public init?(rawValue: String) {
        // Split on the UTF-8 bytes: splitting the string itself walks it character by character (grapheme
        // breaking), and was most of the time the planner's memory takes to read a group's keys (issue 15).
        var parts = rawValue.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).map {
            String(Substring($0))
        }[...]
        guard let kind = parts.popFirst().flatMap(NoticeKind.init(rawValue:)) else { return nil }
        let subject: NoticeSubject
        if let first = parts.first, let s = NoticeSubject(topic: first) {
            subject = s
            parts.removeFirst()
        } else if parts.isEmpty {
            subject = .none
        } else {
            return nil
        }
        let audience = parts.first.flatMap(NoticeAudience.init(rawValue:))
        if audience != nil { parts.removeFirst() }
        var qualifiers: [NoticeQualifier] = []
        for part in parts {
            guard let q = NoticeQualifier(rawValue: part) else { return nil }
            qualifiers.append(q)
        }
        // No re-encoding of the whole key: each part's own parser accepts only the text it writes back (a kind's
        // name, a topic, an audience and each qualifier re-encode to themselves or are refused), and the parts are
        // read in the order `rawValue` writes them, so the key reads back to itself. The planner's memory parses
        // every stored key of a group's topics; the second encoding was a third of that (issue 15).
        self.init(kind, subject, to: audience, qualifiers)
    }

    public var description: String { rawValue }

    // Field by field, not through `rawValue` (RawRepresentable's default): the planner looks keys up by the
    // thousand per pass and should not build a string for each.
    public static func == (a: NoticeKey, b: NoticeKey) -> Bool {
        a.kind == b.kind && a.subject == b.subject && a.audience == b.audience && a.qualifiers == b.qualifiers
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(subject)
        hasher.combine(audience)
        hasher.combine(qualifiers)
    }

    /// The member it goes to, when the key names one.
    public var memberID: Int64? {
        if case .member(let id) = audience { return id }
        return nil
    }
}

extension NoticeKey {
    /// `announcement/d42/m7`, and `/s2` for a later round or calendar SEQUENCE.
    public static func distribution(_ kind: NoticeKind, distribution: Int64, member: Int64, sequence: Int? = nil)
        -> NoticeKey
    {
        NoticeKey(kind, .distribution(distribution), to: .member(member), sequence.map { [.sequence($0)] } ?? [])
    }
}
