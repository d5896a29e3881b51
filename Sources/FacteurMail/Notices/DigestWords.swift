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

    /// "1 destinataire", "48 destinataires" (and "1 recipient", "48 recipients").
    static func recipients(_ count: Int, _ language: Language) -> String {
        if language == .fr { return FrenchWords.count(count, "destinataire", "destinataires") }
        return count == 1 ? "1 recipient" : "\(count) recipients"
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

    /// Why sending paused during the digest's day, one line per cause: the first refused connections (stored as
    /// « serveur d'envoi injoignable : nouvel essai automatique ») and the longer outage they became are one
    /// cause, told once with the server's own words.
    static func pauses(_ details: [String], _ language: Language) -> [String] {
        var causes: [PauseCause] = []
        var chosen: [PauseCause: String] = [:]
        for detail in details {
            let cause = PauseCause(detail)
            if chosen[cause] == nil { causes.append(cause) }
            if chosen[cause] == nil || !PauseCause.isFirstRetry(detail) { chosen[cause] = detail }
        }
        return causes.compactMap { cause in chosen[cause].map { pause($0, language) } }
    }

    /// A sender pause, explained: what was wrong and what the operator can check; the server's own words follow.
    /// Said in the past: by the time the digest is read, the pause may be over (the messages then left by
    /// themselves).
    static func pause(_ detail: String, _ language: Language) -> String {
        let fr = language == .fr
        let what: String
        switch PauseCause(detail) {
        case .authentication:
            what =
                fr
                ? "le serveur d'envoi a refusé l'identifiant ou le mot de passe de Facteur "
                    + "(smtp.username, smtp.password_file)"
                : "the sending server refused Facteur's user name or password (smtp.username, smtp.password_file)"
        case .tls:
            what =
                fr
                ? "la connexion chiffrée au serveur d'envoi a échoué (certificat, smtp.tls)"
                : "the encrypted connection to the sending server failed (certificate, smtp.tls)"
        case .policy:
            what =
                fr
                ? "le serveur d'envoi a refusé nos messages (politique d'envoi, adresse d'expédition)"
                : "the sending server refused our messages (sending policy, sender address)"
        case .unreachable where PauseCause.isFirstRetry(detail):
            return fr
                ? "le serveur d'envoi a été injoignable un moment ; les messages ont attendu et sont repartis seuls"
                : "the sending server could not be reached for a while; messages waited and left by themselves"
        case .unreachable:
            what = fr ? "le serveur d'envoi a été injoignable" : "the sending server could not be reached"
        case .other:
            return detail
        }
        let then =
            fr
            ? " ; les messages en attente partent seuls dès qu'il les accepte (ou après « facteur resume »)"
            : "; waiting messages leave by themselves once it takes them (or after “facteur resume”)"
        return what + then + (fr ? ". Détail technique : " : ". Technical detail: ") + detail
    }

    /// What stopped the sender, read from the report's words (the sender's, in English, or the first retry's line,
    /// in the configured language).
    enum PauseCause: Hashable {
        case authentication, tls, policy, unreachable
        case other(String)

        init(_ detail: String) {
            let lower = detail.lowercased()
            if lower.hasPrefix("authentication refused") {
                self = .authentication
            } else if lower.hasPrefix("tls failure") {
                self = .tls
            } else if lower.hasPrefix("policy rejection") {
                self = .policy
            } else if lower.hasPrefix("smtp server unreachable") || Self.isFirstRetry(detail) {
                self = .unreachable
            } else {
                self = .other(detail)
            }
        }

        /// The line the sender records at the first refused connections, before it pauses for longer.
        static func isFirstRetry(_ detail: String) -> Bool {
            let lower = detail.lowercased()
            return lower.hasPrefix("serveur d'envoi injoignable") || lower.hasPrefix("sending server unreachable")
        }
    }

    /// A volunteer's answer by mail, as the coordinator needs to know it.
    static func answer(
        _ answer: DistributionNotice.DutyAnswer, _ date: String, inTimeForNewCall: Bool = true, _ language: Language
    ) -> String {
        let fr = language == .fr
        switch answer {
        case .joined: return fr ? "s'inscrit pour la permanence du \(date)" : "signed up for duty on \(date)"
        case .withdrawn where !inTimeForNewCall:
            return fr
                ? "se retire de la permanence du \(date), trop tard pour un nouvel appel : trouvez quelqu'un"
                : "withdrew from duty on \(date), too late for a new call: find someone"
        case .withdrawn:
            return fr
                ? "se retire de la permanence du \(date) : Facteur relance l'appel aux bénévoles s'il en manque"
                : "withdrew from duty on \(date): Facteur calls for volunteers again if some are missing"
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
