import FacteurCore
import Foundation

/// The one layout every notice's HTML part shares: a single column at most 600 px wide, the AMAP's name on top,
/// tables that stay within a 320 px phone, inline styles only (mail clients drop `<style>`), no image, and no
/// background or text colour of its own, so a client's dark mode keeps the contrast. A kind's template gives
/// the content; a template that is a whole document keeps its title, and its `<body>` content is laid out.
public enum MailLayout {
    public static func wrap(_ html: String, amap: String, language: Language) -> String {
        let title = between(html, "<title>", "</title>") ?? HTMLEscaping.escape(amap)
        var content = html
        if let start = content.range(of: "<body"), let open = content[start.upperBound...].firstIndex(of: ">") {
            let end = content.range(of: "</body>", options: .backwards)?.lowerBound ?? content.endIndex
            content = String(content[content.index(after: open)..<max(end, content.index(after: open))])
        }
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">\
            <meta name="color-scheme" content="light dark"><title>\(title)</title></head>
            <body style="margin: 0; padding: 0;">
            <div style="max-width: 600px; margin: 0 auto; padding: 12px 16px; font-family: -apple-system, 'Segoe UI', \
            Roboto, Helvetica, Arial, sans-serif; font-size: 16px; line-height: 1.5; overflow-wrap: break-word;">
            <p style="margin: 0 0 16px; padding-bottom: 6px; border-bottom: 3px solid #4a8a55; font-size: 18px; \
            font-weight: bold;">\(HTMLEscaping.escape(amap))</p>
            \(cells(content.trimmingCharacters(in: .whitespacesAndNewlines)))
            </div>
            </body>
            </html>

            """
    }

    /// Every table cell gets room and a rule under it; the template's own style, written after, still wins.
    static func cells(_ html: String) -> String {
        let base = "padding: 6px 4px; border-bottom: 1px solid #c8c8c8; vertical-align: top;"
        var out = ""
        var rest = html[...]
        while let open = rest.range(of: "<t") {
            out += rest[..<open.lowerBound]
            let tag = rest[open.lowerBound...]
            guard tag.count > 4, ["d", "h"].contains(tag.dropFirst(2).first),
                [" ", ">"].contains(tag.dropFirst(3).first), let close = tag.firstIndex(of: ">")
            else {
                out += "<t"
                rest = rest[open.upperBound...]
                continue
            }
            var attributes = String(tag[tag.index(tag.startIndex, offsetBy: 3)..<close])
            let name = String(tag.prefix(3))
            if let style = attributes.range(of: "style=\"") {
                attributes.replaceSubrange(style, with: "style=\"\(base) ")
            } else {
                attributes += " style=\"\(base)\""
            }
            out += name + attributes + ">"
            rest = tag[tag.index(after: close)...]
        }
        return out + rest
    }

    private static func between(_ text: String, _ start: String, _ end: String) -> String? {
        guard let a = text.range(of: start), let b = text.range(of: end, range: a.upperBound..<text.endIndex) else {
            return nil
        }
        return String(text[a.upperBound..<b.lowerBound])
    }
}
