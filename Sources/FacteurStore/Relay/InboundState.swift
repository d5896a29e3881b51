/// What became of a message received for a relay address or an AMAP's Facteur address. The raw values
/// are stored in `facteur_inbound.state` (its CHECK lists them all).
public enum InboundState: String, Sendable, CaseIterable {
    case received, relayed, held, approved, rejected, ignored, refused, bounce, unsubscribed
    /// A request (unsubscribe, subscribe) or an answer (moderation, volunteering) that took effect.
    case request
    /// A request or answer that changed nothing (bad token, wrong sender, already decided); the sender is told
    /// when that is safe.
    case declined
    /// Passed on to the AMAP (`forwarded`): a person's message that is no request Facteur understands.
    case forwarded
}
