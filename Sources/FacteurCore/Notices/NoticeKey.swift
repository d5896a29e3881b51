/// The outbox's unique key for a notice, such as `announcement/d42/m7`: planning again never creates a
/// second row with the same key.
public struct NoticeKey: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    public static func distribution(_ kind: NoticeKind, distribution: Int64, member: Int64, sequence: Int? = nil)
        -> NoticeKey
    {
        var key = "\(kind.rawValue)/d\(distribution)/m\(member)"
        if let sequence { key += "/s\(sequence)" }
        return NoticeKey(key)
    }
}
