/// What a notice is about: the key's second part, and the outbox's indexed `topic` column, from which the
/// planner's memory is loaded and the status page says what is queued (`d42`, `w5`, `b7-3`…).
public enum NoticeSubject: Sendable, Hashable {
    /// `d42`: a distribution (announcement, change, cancellation, duty call and reminder, confirmations).
    case distribution(Int64)
    /// `w5`: an order window (order_open, order_reminder, order_summary).
    case orderWindow(Int64)
    /// `b7-3`: member 7's debt on contract 3 (negative_balance).
    case debt(member: Int64, contract: Int64)
    /// `c3`: a contract that ended (statement).
    case endedContract(Int64)
    /// `g12`: the coordinator who reads the digest.
    case coordinator(Int64)
    /// `s4-20261126`: producer 4's round on that local date (producer_sheet).
    case round(producer: Int64, date: LocalDate)
    /// `i9`: a message the relay received (relayed copies, moderation, forwarded mail).
    case inbound(Int64)
    /// `m7`: a member's own request (subscription_change).
    case member(Int64)
    /// `sample`: previews and golden files.
    case sample
    /// Nothing: `facteur send-test`.
    case none

    public var topic: String {
        switch self {
        case .distribution(let id): return "d\(id)"
        case .orderWindow(let id): return "w\(id)"
        case .debt(let member, let contract): return "b\(member)-\(contract)"
        case .endedContract(let id): return "c\(id)"
        case .coordinator(let id): return "g\(id)"
        case .round(let producer, let date): return "s\(producer)-\(date.compact)"
        case .inbound(let id): return "i\(id)"
        case .member(let id): return "m\(id)"
        case .sample: return "sample"
        case .none: return ""
        }
    }

    public init?(topic: String) {
        if topic == "sample" {
            self = .sample
            return
        }
        guard let letter = topic.first else { return nil }
        let rest = String(topic.dropFirst())
        // Two numbers joined by "-"; ids from other tools may be negative, so the first "-" may be a sign.
        var pair: [String] {
            rest.dropFirst().firstIndex(of: "-").map { [String(rest[..<$0]), String(rest[rest.index(after: $0)...])] }
                ?? []
        }
        if let subject = Self.named(by: letter), let id = Int64(rest) {
            self = subject(id)
        } else {
            switch letter {
            case "b":
                let pair = pair
                guard pair.count == 2, let member = Int64(pair[0]), let contract = Int64(pair[1]) else { return nil }
                self = .debt(member: member, contract: contract)
            case "s":
                let pair = pair
                guard pair.count == 2, let producer = Int64(pair[0]), let date = LocalDate.compact(pair[1]) else {
                    return nil
                }
                self = .round(producer: producer, date: date)
            default: return nil
            }
        }
        guard self.topic == topic else { return nil }
    }

    /// The subjects written as one letter and one id (`d42`), by their letter.
    private static func named(by letter: Character) -> ((Int64) -> NoticeSubject)? {
        switch letter {
        case "d": distribution
        case "w": orderWindow
        case "c": endedContract
        case "g": coordinator
        case "i": inbound
        case "m": member
        default: nil
        }
    }
}
