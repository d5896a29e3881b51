import FacteurCore
import Foundation

/// What the digest says in a volunteer's words rather than the daemon's: how long, what a failure means and
/// what to do about it, why sending is paused.
enum DigestWords {
    /// "depuis aujourd'hui", "depuis 1 jour", "depuis 12 jours".
    static func since(days: Int, _ language: Language) -> String {
        switch (language, days) {
        case (.fr, ...0): return "depuis aujourd'hui"
        case (.fr, _): return "depuis " + Self.days(days, .fr)
        case (_, ...0): return "since today"
        default: return "for " + Self.days(days, language)
        }
    }

    /// "aujourd'hui", "1 jour", "12 jours" (and "today", "1 day", "12 days"): a duration a reader counts in.
    static func days(_ days: Int, _ language: Language) -> String {
        if language == .fr { return days <= 0 ? "aujourd'hui" : FrenchWords.count(days, "jour", "jours") }
        return days <= 0 ? "today" : days == 1 ? "1 day" : "\(days) days"
    }

    /// What a coordinator can do about a failed address, from the server's enhanced status code.
    static func advice(reason: String, state: String, _ language: Language) -> String {
        let fr = language == .fr
        let lower = reason.lowercased()
        if state == "quarantined" {
            return fr
                ? "envoi interrompu plusieurs fois : demandez à la personne si elle a bien reçu le message"
                : "sending was interrupted several times: ask the person whether the message arrived"
        }
        if lower.contains("max age") {
            return fr
                ? "son serveur n'a pas accepté le message pendant plusieurs jours : prévenez la personne autrement"
                : "their server did not take the message for days: tell the person another way"
        }
        if lower.contains("5.1.1") || lower.contains("5.1.0") || lower.contains("user unknown")
            || lower.contains("no such user")
        {
            return fr
                ? "cette adresse n'existe pas : vérifiez-la avec la personne et corrigez sa fiche"
                : "this address does not exist: check it with the person and correct their record"
        }
        if lower.contains("5.2.2") || lower.contains("quota") || lower.contains("mailbox full") {
            return fr ? "sa boîte est pleine : prévenez la personne" : "their mailbox is full: tell the person"
        }
        if lower.contains("5.7.") || lower.contains("spam") {
            return fr
                ? "son serveur refuse nos messages : prévenez la personne par téléphone"
                : "their server refuses our mail: call the person"
        }
        return fr ? "prévenez la personne par téléphone" : "call the person"
    }

    /// A sender pause, explained: what is wrong and what the operator can check; the server's own words follow.
    static func pause(_ detail: String, _ language: Language) -> String {
        let fr = language == .fr
        let lower = detail.lowercased()
        let what: String
        if lower.hasPrefix("authentication refused") {
            what =
                fr
                ? "le serveur d'envoi refuse l'identifiant ou le mot de passe de Facteur (smtp.username, smtp.password_file)"
                : "the sending server refuses Facteur's user name or password (smtp.username, smtp.password_file)"
        } else if lower.hasPrefix("tls failure") {
            what =
                fr
                ? "la connexion chiffrée au serveur d'envoi a échoué (certificat, smtp.tls)"
                : "the encrypted connection to the sending server failed (certificate, smtp.tls)"
        } else if lower.hasPrefix("policy rejection") {
            what =
                fr
                ? "le serveur d'envoi refuse nos messages (politique d'envoi, adresse d'expédition)"
                : "the sending server refuses our messages (sending policy, sender address)"
        } else if lower.hasPrefix("smtp server unreachable") {
            what = fr ? "le serveur d'envoi est injoignable" : "the sending server cannot be reached"
        } else {
            return detail
        }
        let then =
            fr
            ? " ; les messages attendent et partiront seuls (ou après « facteur resume »)"
            : "; messages wait and will leave by themselves (or after “facteur resume”)"
        return what + then + (fr ? ". Détail technique : " : ". Technical detail: ") + detail
    }

    /// A volunteer's answer by mail, as the coordinator needs to know it.
    static func answer(_ answer: DistributionNotice.DutyAnswer, _ date: String, _ language: Language) -> String {
        let fr = language == .fr
        switch answer {
        case .joined: return fr ? "s'inscrit pour la permanence du \(date)" : "signed up for duty on \(date)"
        case .withdrawn:
            return fr
                ? "se retire de la permanence du \(date) : un nouvel appel aux bénévoles est parti"
                : "withdrew from duty on \(date): a new call for volunteers went out"
        case .full:
            return fr
                ? "a proposé son aide pour le \(date) (permanence déjà complète)"
                : "offered to help on \(date) (duty already full)"
        case .already: return fr ? "confirme sa permanence du \(date)" : "confirmed duty on \(date)"
        case .closed:
            return fr ? "a répondu pour le \(date), passé ou annulé" : "answered for \(date), over or cancelled"
        }
    }
}
