import FacteurCore

/// The page `facteur cgi` shows a member who followed an unsubscribe link (DESIGN §4): a confirm button (a
/// GET never changes anything: mail scanners follow links), then their preferences, in their AMAP's language,
/// readable on a phone. Every value is escaped.
public enum PreferencesPage {
    public enum State: Sendable, Equatable {
        /// Asks to confirm stopping `what`.
        case confirm(what: String)
        /// Stopped `what` (from the button or one click).
        case stopped(what: String)
        case saved
        /// A bad, altered or unknown link: nothing changed.
        case invalid
    }

    public struct Choice: Sendable, Equatable {
        public var field: String
        public var label: String
        public var receives: Bool
        public init(field: String, label: String, receives: Bool) {
            self.field = field
            self.label = label
            self.receives = receives
        }
    }

    public struct Model: Sendable, Equatable {
        public var amapName: String
        public var memberName: String
        public var token: String
        public var state: State
        public var choices: [Choice]
        public init(amapName: String, memberName: String, token: String, state: State, choices: [Choice]) {
            self.amapName = amapName
            self.memberName = memberName
            self.token = token
            self.state = state
            self.choices = choices
        }
    }

    public static func render(_ m: Model, language: Language) -> String {
        let fr = language == .fr
        func e(_ s: String) -> String { HTMLEscaping.escape(s) }
        var body = ""
        switch m.state {
        case .invalid:
            body += fr
                ? "<h1>Lien non valable</h1><p>Ce lien de désinscription est incomplet ou a été modifié : rien n'a été changé. Utilisez le lien du dernier message reçu, ou répondez à ce message pour écrire à l'AMAP.</p>"
                : "<h1>Link not valid</h1><p>This unsubscribe link is incomplete or was altered: nothing was changed. Use the link of the latest message you received, or reply to it to write to the AMAP.</p>"
            return page(title: fr ? "Lien non valable" : "Link not valid", amap: "", body: body, language: language)
        case .confirm(let what):
            body += "<h1>\(fr ? "Se désinscrire" : "Unsubscribe")</h1>"
            body += "<p>\(e(m.memberName)), \(fr ? "ne plus recevoir" : "stop receiving") <strong>\(e(what))</strong>\(fr ? "&nbsp;?" : "?")</p>"
            body += "<form method=\"post\"><input type=\"hidden\" name=\"t\" value=\"\(e(m.token))\">"
            body += "<input type=\"hidden\" name=\"action\" value=\"stop\">"
            body += "<button type=\"submit\" style=\"\(buttonStyle)\">\(fr ? "Confirmer la désinscription" : "Confirm")</button></form>"
        case .stopped(let what):
            body += "<h1>\(fr ? "C'est fait" : "Done")</h1>"
            body += "<p>\(fr ? "Vous ne recevrez plus" : "You will no longer receive") \(e(what)). "
                + "\(fr ? "Un message de confirmation vous est envoyé." : "A confirmation is on its way.")</p>"
        case .saved:
            body += "<h1>\(fr ? "Préférences enregistrées" : "Preferences saved")</h1>"
        }
        if !m.choices.isEmpty {
            body += "<h2>\(fr ? "Ce que vous recevez" : "What you receive")</h2>"
            body += "<form method=\"post\"><input type=\"hidden\" name=\"t\" value=\"\(e(m.token))\">"
            body += "<input type=\"hidden\" name=\"action\" value=\"save\">"
            for c in m.choices {
                body += "<p><label style=\"display:block;padding:6px 0\"><input type=\"checkbox\" name=\"receive\" value=\"\(e(c.field))\"\(c.receives ? " checked" : "") style=\"transform:scale(1.4);margin-right:10px\">\(e(c.label))</label></p>"
            }
            body += "<button type=\"submit\" style=\"\(buttonStyle)\">\(fr ? "Enregistrer" : "Save")</button></form>"
            body += "<p style=\"color:#555;font-size:14px\">\(fr ? "Les messages sur vos commandes, votre solde et l'annulation d'une distribution vous sont toujours envoyés." : "Messages about your orders, your balance and cancelled distributions are always sent.")</p>"
        }
        return page(title: fr ? "Vos messages" : "Your messages", amap: m.amapName, body: body, language: language)
    }

    static let buttonStyle =
        "font-size:17px;padding:12px 18px;border:0;border-radius:6px;background:#2f6b3a;color:#ffffff;cursor:pointer"

    static func page(title: String, amap: String, body: String, language: Language) -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex"><title>\(HTMLEscaping.escape(title))</title></head>
        <body style="margin:0;font-family:sans-serif;line-height:1.5;color:#1d1d1d;background:#f6f4ee">
        <header style="background:#2f6b3a;color:#ffffff;padding:14px 16px"><strong>\(HTMLEscaping.escape(amap.isEmpty ? "Facteur" : amap))</strong></header>
        <main style="max-width:36em;margin:0 auto;padding:8px 16px 24px;background:#ffffff">
        \(body)
        </main>
        </body>
        </html>

        """
    }
}
