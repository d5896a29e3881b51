/// What tells a notice from an earlier one with the same kind, subject and audience: a later round, the
/// close time a reminder was for, the n-th reminder of a debt…
public enum NoticeQualifier: Sendable, Hashable, RawRepresentable {
    /// `s2`: the calendar SEQUENCE of a change or cancellation, or the round of calls after a withdrawal.
    case sequence(Int)
    /// `c1764…`: the window's close time (seconds) a reminder or summary is for; moving it re-arms them.
    case closing(Int64)
    /// `e1764…`: when the debt began (seconds): a new debt is a new episode.
    case episode(Int64)
    /// `n3`: the n-th reminder of one debt episode.
    case number(Int)
    /// `f…`: the content's fingerprint (a producer sheet is sent again when a figure changes).
    case fingerprint(String)
    /// `2026-11-26`: the digest's day.
    case day(LocalDate)
    /// `i9`: the received message that caused it (a volunteer's answer).
    case inbound(Int64)
    /// `u.7.announcement`: the signed request it answers.
    case claim(TokenClaim)
    /// `stop` or `resume`.
    case stop(Bool)
    /// `1764…`: when it was asked (seconds), so that each request gets its own answer.
    case at(Int64)

    public var rawValue: String {
        switch self {
        case .sequence(let n): return "s\(n)"
        case .closing(let t): return "c\(t)"
        case .episode(let t): return "e\(t)"
        case .number(let n): return "n\(n)"
        case .fingerprint(let f): return "f\(f)"
        case .day(let date): return date.description
        case .inbound(let id): return "i\(id)"
        case .claim(let claim): return claim.payload
        case .stop(let stop): return stop ? "stop" : "resume"
        case .at(let t): return "\(t)"
        }
    }

    public init?(rawValue: String) {
        guard let letter = rawValue.first else { return nil }
        let rest = String(rawValue.dropFirst())
        if rawValue == "stop" || rawValue == "resume" {
            self = .stop(rawValue == "stop")
        } else if rawValue.utf8.contains(UInt8(ascii: ".")) {
            guard let claim = TokenClaim(payload: rawValue) else { return nil }
            self = .claim(claim)
        } else if rawValue.utf8.contains(UInt8(ascii: "-")), let date = LocalDate(rawValue) {
            self = .day(date)
        } else if let t = Int64(rawValue) {
            self = .at(t)
        } else {
            switch letter {
            case "s":
                guard let n = Int(rest) else { return nil }
                self = .sequence(n)
            case "c":
                guard let t = Int64(rest) else { return nil }
                self = .closing(t)
            case "e":
                guard let t = Int64(rest) else { return nil }
                self = .episode(t)
            case "n":
                guard let n = Int(rest) else { return nil }
                self = .number(n)
            case "i":
                guard let id = Int64(rest) else { return nil }
                self = .inbound(id)
            case "f":
                guard !rest.isEmpty, rest.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                    return nil
                }
                self = .fingerprint(rest)
            default: return nil
            }
        }
        guard self.rawValue == rawValue else { return nil }
    }
}
