import FacteurCore

/// What a member stops or resumes, in their words ("les annonces de distribution"), for the unsubscribe
/// line, the confirmation and the preferences page.
public enum SubscriptionWords {
    public static func what(_ kind: NoticeKind, contract: String?, language: Language) -> String {
        switch (language, kind) {
        case (.fr, .announcement): return "les annonces de distribution"
        case (.fr, .dutyCall): return "les appels aux bénévoles"
        case (.fr, .dutyReminder): return "les rappels de permanence"
        case (.fr, .orderOpen): return "les ouvertures de commandes"
        case (.fr, .orderReminder): return "les rappels de commande"
        case (.fr, .relay): return contract.map { "les messages du contrat « \($0) »" } ?? "les messages des producteurs"
        case (.fr, _): return "ces messages"
        case (.en, .announcement): return "distribution announcements"
        case (.en, .dutyCall): return "calls for volunteers"
        case (.en, .dutyReminder): return "duty reminders"
        case (.en, .orderOpen): return "order openings"
        case (.en, .orderReminder): return "order reminders"
        case (.en, .relay): return contract.map { "messages of the “\($0)” contract" } ?? "producers' messages"
        case (.en, _): return "these messages"
        }
    }
}
