/// Every kind of message Facteur sends (DESIGN §2). The raw values are published: members filter on
/// `X-Facteur-Kind`, and `preference.kind` names them.
public enum NoticeKind: String, Sendable, CaseIterable, Hashable, Codable {
    case announcement
    case change
    case cancellation
    case dutyCall = "duty_call"
    /// The members on duty, the day before: role, place, times, who else comes (DESIGN §2).
    case dutyReminder = "duty_reminder"
    case orderOpen = "order_open"
    case orderReminder = "order_reminder"
    case orderSummary = "order_summary"
    /// A producer's round: every distribution they deliver to on one date, with totals (DESIGN §2).
    case producerSheet = "producer_sheet"
    case negativeBalance = "negative_balance"
    case statement
    case relay
    case relayToProducer = "relay_to_producer"
    case digest
    /// A relayed message held for moderation: the coordinator is told at once (not in DESIGN §2: added).
    case moderation
    /// The sender of a message the relay refused (too large) is told why (not in DESIGN §2: added).
    case relayRefused = "relay_refused"
    /// A volunteer's answer by mail took effect (or could not: the distribution was already full).
    case dutyConfirmation = "duty_confirmation"
    /// A member's request by mail or link took effect: "you will no longer receive…", and how to come back.
    case subscriptionChange = "subscription_change"
    /// The coordinator's reply decided on a held message: what was done.
    case moderationDecision = "moderation_decision"
    /// A person's message to the AMAP's Facteur address that is no request Facteur understands, passed on to
    /// the AMAP (DMARC-safe, as `relay_to_producer`): nothing a person writes is lost.
    case forwarded
    /// `facteur send-test`: not a notice, but it rides the same renderer and transport.
    case test

    /// Kinds a member may refuse through the `preference` table; the others are transactional.
    public var isOptional: Bool {
        switch self {
        case .announcement, .dutyCall, .dutyReminder, .orderOpen, .orderReminder, .relay: return true
        default: return false
        }
    }

    /// Kinds about a distribution, which carry an iCalendar part.
    public var isAboutDistribution: Bool {
        self == .announcement || self == .change || self == .cancellation || self == .dutyConfirmation
            || self == .dutyReminder
    }
}
