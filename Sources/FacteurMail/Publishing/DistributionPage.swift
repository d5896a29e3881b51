import FacteurCore
import Foundation

/// The AMAP's public page: its upcoming distributions, what is delivered, how many volunteers are
/// still needed, and a link to the calendar feed. Static HTML, no personal data, no script.
public enum DistributionPage {
    public static func render(
        _ amap: Amap, _ distributions: [PublishedDistribution], calendarFile: String, language: Language,
        generatedAt: Date
    ) -> String {
        let text = PublicationText(language: language)
        let dates = HumanDates(language: language, timeZone: amap.timeZone)
        func e(_ s: String) -> String { HTMLEscaping.escape(s) }
        var html = """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(e(amap.name)) – \(text.upcoming)</title>
            <style>\(PageStyle.css)</style></head>
            <body>
            <header><div class="inner"><h1>\(e(amap.name))</h1><p>\(text.upcoming)\(amap.website.map { " · <a href=\"\(e($0))\">\(e($0))</a>" } ?? "")</p></div></header>
            <main>
            <p><a class="button" href="\(e(calendarFile))">\(text.addToCalendar)</a></p>

            """
        if distributions.isEmpty { html += "<p class=\"muted\">\(text.nothingPlanned)</p>\n" }
        for p in distributions {
            let d = p.distribution
            html += "<section class=\"card\(d.cancelled ? " cancelled" : "")\">\n"
            html += "<h3><span class=\"day-name\">\(e(capitalised(dates.date(d.startsAt))))</span>"
            if d.cancelled { html += " <span class=\"badge bad\">\(text.cancelled)</span>" }
            html += "</h3>\n"
            html += "<p class=\"when\">\(dates.time(d.startsAt)) – \(dates.time(d.endsAt)) · \(e(d.place))</p>\n"
            if !p.contracts.isEmpty {
                html += "<ul>\n"
                for c in p.contracts {
                    html += "<li><strong>\(e(c.contract))</strong> – \(e(c.producer))"
                    if let farm = c.farm, !farm.isEmpty { html += ", \(e(farm))" }
                    if let notes = c.notes, !notes.isEmpty { html += " <span class=\"muted\">(\(e(notes)))</span>" }
                    html += "</li>\n"
                }
                html += "</ul>\n"
            }
            if !d.cancelled && d.dutyNeeded > 0 {
                html += p.volunteersMissing > 0
                    ? "<p><span class=\"badge warn\">\(text.volunteersMissing(p.volunteersMissing))</span></p>\n"
                    : "<p><span class=\"badge ok\">\(text.dutyComplete)</span></p>\n"
            }
            if let notes = d.notes, !notes.isEmpty { html += "<p class=\"notes\">\(e(notes))</p>\n" }
            html += "</section>\n"
        }
        html += """
            </main>
            <footer>\(text.updated(dates.dateTime(generatedAt))) · Facteur</footer>
            </body>
            </html>

            """
        return html
    }

    static func capitalised(_ s: String) -> String { s.prefix(1).uppercased() + s.dropFirst() }
}
