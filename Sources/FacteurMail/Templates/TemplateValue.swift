/// The data a template sees: strings, flags, lists and objects, as Mustache understands them.
public enum TemplateValue: Sendable, Equatable, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    case string(String)
    case bool(Bool)
    case list([TemplateValue])
    case object(TemplateObject)
    /// A recipient's own non-empty text, left out of a rendering many recipients share: rendered as a mark (a
    /// byte no UTF-8 text holds, then whether it was HTML-escaped, then this number) that `NoticeFrame` fills in
    /// for each of them (issue 15). Everywhere else it behaves as a non-empty string.
    case hole(UInt8)

    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(TemplateObject(elements))
    }

    /// An optional string: absent text is an empty string, which sections treat as false.
    public static func text(_ value: String?) -> TemplateValue { .string(value ?? "") }

    /// Mustache truthiness: false, empty strings and empty lists hide a section.
    var isTruthy: Bool {
        switch self {
        case .string(let s): return !s.isEmpty
        case .bool(let b): return b
        case .list(let l): return !l.isEmpty
        case .object, .hole: return true
        }
    }

    subscript(member member: String) -> TemplateValue? {
        if case .object(let o) = self { return o[member] }
        return nil
    }
}
