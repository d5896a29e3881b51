import FacteurCore

/// The reasons Facteur itself writes on an outbox row (kept in English in the database, like the log), said in
/// the coordinator's language on the status page. A server's reply is shown as the server wrote it.
enum OutboxReasonWords {
    static func text(_ reason: String, _ language: Language) -> String {
        guard language == .fr else { return reason }
        if let french = fixed[reason] { return french }
        if reason.hasPrefix("interrupted while sending "), reason.hasSuffix(" times: set aside for a person") {
            return "envoi interrompu plusieurs fois : mis de côté, à vérifier par une personne"
        }
        return reason
    }

    private static let fixed: [String: String] = [
        LateCause.seenLate.reason: "vu trop tard : son heure limite était déjà passée",
        LateCause.notSentInTime.reason: "son heure limite est passée avant qu'il puisse partir",
        LateCause.notRunning.reason: "vu trop tard : Facteur ne tournait pas quand il devait partir",
        "withdrawn before sending: the distribution was cancelled or deleted":
            "retiré avant l'envoi : la distribution a été annulée ou supprimée",
        "interrupted while sending: may have been delivered": "envoi interrompu : il est peut-être arrivé",
        "withdrawn: member forgotten": "retiré : membre effacé (RGPD)",
        "withdrawn: it named a forgotten member": "retiré : il nommait un membre effacé (RGPD)",
        "key or kind outside Facteur's grammar: set aside for a person": "message illisible : mis de côté",
    ]
}
