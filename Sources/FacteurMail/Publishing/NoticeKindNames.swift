import FacteurCore

/// Notice kinds and outbox states as a coordinator reads them.
public enum NoticeKindNames {
    public static func name(_ kind: NoticeKind, _ language: Language) -> String {
        let fr: String
        let en: String
        switch kind {
        case .announcement: (fr, en) = ("Annonce de distribution", "Distribution announcement")
        case .change: (fr, en) = ("Changement de distribution", "Distribution change")
        case .cancellation: (fr, en) = ("Annulation de distribution", "Distribution cancelled")
        case .dutyCall: (fr, en) = ("Appel à bénévoles", "Call for volunteers")
        case .orderOpen: (fr, en) = ("Ouverture des commandes", "Orders open")
        case .orderReminder: (fr, en) = ("Rappel de commande", "Order reminder")
        case .orderSummary: (fr, en) = ("Récapitulatif des commandes", "Order summary")
        case .producerSheet: (fr, en) = ("Feuille de tournée du producteur", "Producer's round sheet")
        case .negativeBalance: (fr, en) = ("Solde négatif", "Negative balance")
        case .statement: (fr, en) = ("Relevé de fin de contrat", "End-of-contract statement")
        case .relay: (fr, en) = ("Message relayé", "Relayed message")
        case .relayToProducer: (fr, en) = ("Message au producteur", "Message to the producer")
        case .digest: (fr, en) = ("Point quotidien", "Daily digest")
        case .moderation: (fr, en) = ("Message à modérer", "Message to moderate")
        case .relayRefused: (fr, en) = ("Message refusé", "Message refused")
        case .dutyReminder: (fr, en) = ("Rappel de permanence", "Duty reminder")
        case .dutyConfirmation: (fr, en) = ("Confirmation de permanence", "Duty confirmation")
        case .subscriptionChange: (fr, en) = ("Confirmation d'inscription ou de désinscription", "Subscription confirmation")
        case .moderationDecision: (fr, en) = ("Décision de modération", "Moderation decision")
        case .forwarded: (fr, en) = ("Message transmis", "Message passed on")
        case .test: (fr, en) = ("Message d'essai", "Test message")
        }
        return language == .fr ? fr : en
    }

    /// A kind as stored in the outbox (`announcement`…); unknown text is shown as it is.
    public static func name(stored kind: String, _ language: Language) -> String {
        NoticeKind(rawValue: kind).map { name($0, language) } ?? kind
    }

    /// One row's state, in the singular: « expiré », « mis de côté ».
    public static func rowState(_ state: String, _ language: Language) -> String {
        guard let names = stateNames[state] else { return state }
        return language == .fr ? names.frOne : names.en
    }

    /// A state counted (« 12 envoyés »).
    public static func state(_ state: String, _ language: Language) -> String {
        guard let names = stateNames[state] else { return state }
        return language == .fr ? names.frMany : names.en
    }

    /// Each outbox state in French (one row, several) and English, which has one word for both.
    private static let stateNames: [String: (frOne: String, frMany: String, en: String)] = [
        "queued": ("en attente", "en attente", "queued"), "sending": ("en cours d'envoi", "en cours d'envoi", "sending"),
        "sent": ("envoyé", "envoyés", "sent"), "uncertain": ("incertain", "incertains", "uncertain"),
        "failed": ("en échec", "en échec", "failed"), "expired": ("expiré", "expirés", "expired"),
        "quarantined": ("mis de côté", "mis de côté", "set aside"),
    ]
}
