/// What a signed token lets its bearer do, and nothing more (DESIGN §4, §5): a token only ever acts for the
/// member, kind, contract, held message or distribution it names. The payload is readable (`u.7.announcement`);
/// the signature, added by the daemon, makes it unforgeable.
public enum TokenClaim: Sendable, Hashable {
    /// Stop (or resume) one kind of notice for one member.
    case unsubscribe(member: Int64, kind: NoticeKind)
    /// Stop (or resume) one contract's relayed messages for one member.
    case relay(member: Int64, contract: Int64)
    /// Decide on one held message (the contract's coordinator only).
    case moderation(inbound: Int64)
    /// Answer a call for volunteers for one distribution.
    case volunteer(member: Int64, distribution: Int64)

    /// `u.7.announcement`, `r.7.3`, `m.12`, `v.7.42`: only letters, digits, `.` and `_`, so a token travels
    /// unchanged in a subject, a URL, a Message-ID and a mailto link.
    public var payload: String {
        switch self {
        case .unsubscribe(let member, let kind): return "u.\(member).\(kind.rawValue)"
        case .relay(let member, let contract): return "r.\(member).\(contract)"
        case .moderation(let inbound): return "m.\(inbound)"
        case .volunteer(let member, let distribution): return "v.\(member).\(distribution)"
        }
    }

    public init?(payload: String) {
        let parts = payload.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard let tag = parts.first, parts.count >= 2, let first = Int64(parts[1]), first > 0 else { return nil }
        switch (tag, parts.count) {
        case ("u", 3):
            guard let kind = NoticeKind(rawValue: parts[2]), kind.isOptional, kind != .relay else { return nil }
            self = .unsubscribe(member: first, kind: kind)
        case ("r", 3):
            guard let contract = Int64(parts[2]), contract > 0 else { return nil }
            self = .relay(member: first, contract: contract)
        case ("m", 2): self = .moderation(inbound: first)
        case ("v", 3):
            guard let distribution = Int64(parts[2]), distribution > 0 else { return nil }
            self = .volunteer(member: first, distribution: distribution)
        default: return nil
        }
    }

    /// The member the claim speaks for, when it is about one.
    public var memberID: Int64? {
        switch self {
        case .unsubscribe(let member, _), .relay(let member, _), .volunteer(let member, _): return member
        case .moderation: return nil
        }
    }
}
