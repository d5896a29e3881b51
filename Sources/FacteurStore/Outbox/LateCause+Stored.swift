import FacteurCore

/// How a notice given up as too late is marked in `last_error` (in English, like the log): one encoder, one
/// decoder. The digest reads them back to tell these notices from those withdrawn, which are `expired` too.
extension LateCause {
    public var stored: String {
        switch self {
        case .seenLate: "seen only after its late-until time"
        case .notSentInTime: "its late-until time passed before it could be sent"
        }
    }

    public init?(stored: String?) {
        switch stored {
        case LateCause.seenLate.stored: self = .seenLate
        case LateCause.notSentInTime.stored: self = .notSentInTime
        default: return nil
        }
    }
}
