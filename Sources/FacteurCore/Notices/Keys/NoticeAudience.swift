/// Who a notice goes to, in its key, when the subject alone does not say.
public enum NoticeAudience: Sendable, Hashable, RawRepresentable {
    /// `m7`
    case member(Int64)
    /// `p3`: a producer (a relayed message passed on to them).
    case producer(Int64)
    /// `producer`: the producer of the subject's contract (order_summary).
    case contractProducer
    /// `coordinator`: the coordinator of the subject's contract (order_summary).
    case contractCoordinator

    public var rawValue: String {
        switch self {
        case .member(let id): return "m\(id)"
        case .producer(let id): return "p\(id)"
        case .contractProducer: return "producer"
        case .contractCoordinator: return "coordinator"
        }
    }

    public init?(rawValue: String) {
        switch rawValue {
        case "producer": self = .contractProducer
        case "coordinator": self = .contractCoordinator
        default:
            guard let letter = rawValue.first, let id = Int64(rawValue.dropFirst()) else { return nil }
            switch letter {
            case "m": self = .member(id)
            case "p": self = .producer(id)
            default: return nil
            }
            guard self.rawValue == rawValue else { return nil }
        }
    }
}
