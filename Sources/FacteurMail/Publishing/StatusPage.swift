import FacteurCore
import Foundation

/// The coordinator's overview as one static HTML page: alerts first, then the next days on a timeline,
/// the outbox by state, failures with the server's reason, negative balances, messages held for
/// moderation and rows the planner skips.
public enum StatusPage {
    /// `23/11 18h30`: enough in a table row.
    static func short(_ date: Date, _ dates: HumanDates) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = dates.timeZone
        let c = calendar.dateComponents([.day, .month], from: date)
        return String(format: "%02d/%02d ", c.day!, c.month!) + dates.time(date)
    }

    public static func render(_ s: StatusOverview, language: Language) -> String {
        let fr = language == .fr
        let dates = HumanDates(language: language, timeZone: s.timeZone)
        func e(_ text: String) -> String { HTMLEscaping.escape(text) }
        func t(_ french: String, _ english: String) -> String { fr ? french : english }
        var html = """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Facteur – \(t("état", "status"))</title>
            <style>\(PageStyle.css)</style></head>
            <body>
            <header><div class="inner"><h1>Facteur – \(t("état des envois", "mail status"))</h1>
            <p>\(e(dates.dateTime(s.generatedAt)))</p></div></header>
            <main>

            """
        if let until = s.pausedUntil {
            html += "<div class=\"alert\"><strong>\(t("Envoi suspendu", "Sending paused"))</strong> "
            html += "\(t("jusqu'au", "until")) \(e(dates.dateTime(until)))"
            if let reason = s.pauseReason { html += "&nbsp;: \(e(reason))" }
            html += "</div>\n"
        }
        html += "<h2>\(t("Messages", "Messages"))</h2>\n<div class=\"grid\">\n"
        for (state, count) in s.counts {
            let tone = ["failed", "quarantined", "uncertain"].contains(state) && count > 0 ? " style=\"color: var(--bad)\"" : ""
            html += "<div class=\"tile\"><b\(tone)>\(count)</b>\(e(NoticeKindNames.state(state, language)))</div>\n"
        }
        html += "</div>\n"

        html += "<h2>\(t("Échecs récents", "Recent failures"))</h2>\n"
        if s.failures.isEmpty {
            html += "<p class=\"muted\">\(t("Aucun.", "None."))</p>\n"
        } else {
            html += "<div class=\"scroll\"><table><tr><th>\(t("Quand", "When"))</th><th>\(t("Adresse", "Address"))</th>"
            html += "<th class=\"hide-phone\">\(t("Message", "Message"))</th><th>\(t("Réponse du serveur", "Server's reply"))</th></tr>\n"
            for f in s.failures {
                let who = f.name.isEmpty ? e(f.recipient) : "\(e(f.name))<br><span class=\"muted\">\(e(f.recipient))</span>"
                html += "<tr><td>\(short(f.at, dates))</td><td>\(who)</td>"
                html += "<td class=\"hide-phone\">\(e(f.kindName)) <span class=\"muted\">(\(e(NoticeKindNames.rowState(f.state, language))))</span></td>"
                let code = f.code.map(String.init).flatMap { f.reason.hasPrefix($0) ? nil : $0 + " " } ?? ""
                html += "<td>\(code)\(e(OutboxReasonWords.text(f.reason, language)))</td></tr>\n"
            }
            html += "</table></div>\n"
        }

        html += "<h2>\(t("Soldes négatifs", "Negative balances"))</h2>\n"
        if s.balances.isEmpty {
            html += "<p class=\"muted\">\(t("Aucun.", "None."))</p>\n"
        } else {
            html += "<div class=\"scroll\"><table><tr><th>\(t("Membre", "Member"))</th><th>\(t("Contrat", "Contract"))</th>"
            html += "<th class=\"num\">\(t("Solde", "Balance"))</th><th class=\"num\">\(t("Depuis", "For"))</th></tr>\n"
            for b in s.balances {
                html += "<tr><td>\(e(b.member))</td><td>\(e(b.contract)) <span class=\"muted hide-phone\">(\(e(b.amap)))</span></td>"
                html += "<td class=\"num\">\(e(b.balance.formatted(language)))</td>"
                html += "<td class=\"num\">\(b.days) \(t("j", "d"))</td></tr>\n"
            }
            html += "</table></div>\n"
        }

        html += "<h2>\(t("En attente de modération", "Held for moderation"))</h2>\n"
        if s.held.isEmpty {
            html += "<p class=\"muted\">\(t("Aucun message.", "No message."))</p>\n"
        }
        for h in s.held {
            html += "<section class=\"card\"><h3>\(e(h.subject))</h3>"
            html += "<p class=\"when\">\(e(h.sender)) → \(e(h.relayAddress)) · \(e(dates.dateTime(h.receivedAt)))</p>"
            html += "<p>\(e(h.reason))</p><p class=\"muted\"><code>facteur relay approve \(h.id)</code> · "
            html += "<code>facteur relay reject \(h.id)</code></p></section>\n"
        }
        html += "<h2>\(t("Les \(s.days) prochains jours", "The next \(s.days) days"))</h2>\n"
        if s.upcoming.isEmpty {
            html += "<p class=\"muted\">\(t("Rien de prévu.", "Nothing planned."))</p>\n"
        }
        var day = ""
        for u in s.upcoming {
            let thisDay = dates.date(u.at)
            if thisDay != day {
                if !day.isEmpty { html += "</ul>\n" }
                html += "<p class=\"day\">\(e(thisDay.prefix(1).uppercased() + thisDay.dropFirst()))</p>\n<ul>\n"
                day = thisDay
            }
            html += "<li><strong>\(dates.time(u.at))</strong> · \(e(u.kindName)) · \(e(u.about))"
            html += " <span class=\"muted\">(\(e(u.amap)), \(u.recipients) \(t("destinataire", "recipient"))\(u.recipients > 1 ? "s" : ""))</span>"
            if u.retrying {
                let time = dates.time(u.at)
                html += " <span class=\"badge warn\">\(t("nouvel essai à \(time)", "next try at \(time)"))</span>"
            } else if u.queued {
                html += " <span class=\"badge ok\">\(t("prêt", "queued"))</span>"
            }
            html += "</li>\n"
        }
        if !day.isEmpty { html += "</ul>\n" }

        if !s.skippedRows.isEmpty {
            html += "<h2>\(t("Lignes ignorées dans la base", "Rows skipped in the database"))</h2>\n<ul>\n"
            for row in s.skippedRows { html += "<li>\(e(row))</li>\n" }
            html += "</ul>\n"
        }
        html += """
            </main>
            <footer>\(t("Page produite par", "Page written by")) facteur status --html</footer>
            </body>
            </html>

            """
        return html
    }
}
