/// What a coordinator report is about, stored as (`category`, `subject`) in `facteur_report`: one encoder and
/// one decoder, since the same subject text (`member/7`) means a row in one category and a person in another.
public enum ReportTopic: Sendable, Hashable {
    /// A published row Facteur skipped (`bad_row`, `distribution/43`).
    case badRow(table: String, rowID: String)
    /// A member who should have received a notice and has no address (`unreachable`, `member/7`).
    case unreachable(member: Int64)
    /// The sender paused: server unreachable or refusing us (`systemic`).
    case systemic(String)
    /// A relayed message held for the contract's coordinator (`held`, `contract/3`).
    case held(contract: Int64)

    public var category: String {
        switch self {
        case .badRow: return "bad_row"
        case .unreachable: return "unreachable"
        case .systemic: return "systemic"
        case .held: return "held"
        }
    }

    public var subject: String {
        switch self {
        case .badRow(let table, let rowID): return "\(table)/\(rowID)"
        case .unreachable(let member): return "member/\(member)"
        case .systemic(let what): return what
        case .held(let contract): return "contract/\(contract)"
        }
    }

    public init?(category: String, subject: String) {
        let parts = subject.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        switch category {
        case "bad_row":
            guard parts.count == 2 else { return nil }
            self = .badRow(table: parts[0], rowID: parts[1])
        case "unreachable":
            guard parts.count == 2, parts[0] == "member", let id = Int64(parts[1]) else { return nil }
            self = .unreachable(member: id)
        case "systemic":
            self = .systemic(subject)
        case "held":
            guard parts.count == 2, parts[0] == "contract", let id = Int64(parts[1]) else { return nil }
            self = .held(contract: id)
        default:
            return nil
        }
    }
}
