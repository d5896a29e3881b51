import FacteurCore

/// Why a message is held, in the coordinator's language (it is shown in the moderation request, the digest
/// and the status page): "expéditeur inconnu", not "unknown sender".
enum HoldReason {
    case unknownSender
    case notAuthenticated(authservID: String)
    case moderationAll
    case producerHasNoAddress
    case unsafeLines
    case severalAuthors

    func text(_ language: Language) -> String {
        switch (self, language) {
        case (.unknownSender, .fr): return "expéditeur inconnu"
        case (.unknownSender, .en): return "unknown sender"
        case (.notAuthenticated(let server), .fr):
            return "expéditeur non authentifié (pas de dkim=pass ni dmarc=pass de \(server))"
        case (.notAuthenticated(let server), .en):
            return "sender not authenticated (no dkim=pass or dmarc=pass from \(server))"
        case (.moderationAll, .fr): return "tous les messages sont modérés (relay.moderation = all)"
        case (.moderationAll, .en): return "every message is moderated (relay.moderation is all)"
        case (.producerHasNoAddress, .fr): return "le producteur n'a pas d'adresse"
        case (.producerHasNoAddress, .en): return "the producer has no address"
        case (.unsafeLines, .fr): return "ne peut pas être relayé intact : lignes de plus de 998 octets"
        case (.unsafeLines, .en): return "cannot be relayed safely: lines over 998 octets"
        case (.severalAuthors, .fr): return "plusieurs auteurs dans From:"
        case (.severalAuthors, .en): return "several authors in From:"
        }
    }
}
