import FacteurCore

/// The few words of the public page and the feeds, in the configured language.
struct PublicationText {
    let language: Language

    func distributionSummary(_ amap: String) -> String {
        language == .fr ? "Distribution \(amap)" : "\(amap) distribution"
    }
    /// French puts a space before a colon, English does not.
    var colon: String { language == .fr ? " : " : ": " }
    var cancelled: String { language == .fr ? "Annulée" : "Cancelled" }
    var onDuty: String { language == .fr ? "permanence" : "on duty" }
    var delivering: String { language == .fr ? "Livraisons" : "Deliveries" }
    var youCollect: String { language == .fr ? "Vous recevez" : "You collect" }
    var youAreOnDuty: String { language == .fr ? "Vous êtes de permanence" : "You are on duty" }
    var upcoming: String { language == .fr ? "Prochaines distributions" : "Upcoming distributions" }
    var nothingPlanned: String { language == .fr ? "Aucune distribution prévue pour l'instant." : "No distribution planned yet." }
    var addToCalendar: String { language == .fr ? "Ajouter toutes les distributions à mon agenda" : "Add every distribution to my calendar" }
    var dutyComplete: String { language == .fr ? "Permanence complète, merci !" : "Enough volunteers, thank you!" }
    func volunteersMissing(_ n: Int) -> String {
        switch language {
        case .fr: n == 1 ? "Il manque 1 bénévole pour la permanence" : "Il manque \(n) bénévoles pour la permanence"
        case .en: n == 1 ? "1 more volunteer needed" : "\(n) more volunteers needed"
        }
    }
    func updated(_ when: String) -> String { language == .fr ? "Mis à jour le \(when)" : "Updated \(when)" }
    func until(_ time: String) -> String { language == .fr ? "jusqu'à \(time)" : "until \(time)" }
}
