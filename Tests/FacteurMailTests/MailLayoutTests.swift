import FacteurCore
import FacteurMail
import Testing

@Suite struct MailLayoutTests {
    @Test("the layout keeps a whole document's title and body, and gives every td and th, only those, the cell style")
    func layout() {
        let cell = "padding: 6px 4px; border-bottom: 1px solid #c8c8c8; vertical-align: top;"
        let html = """
            <html><head><title>Commandes &amp; co</title></head><body>
              <table><thead><tr><th>Produit</th><td style="text-align: right">2,40 €</td></tr></thead></table>
              <p>Élise <t <td</p>
            </body></html>
            """
        let out = MailLayout.wrap(html, amap: "AMAP <Lilas>", language: .fr)
        #expect(out.hasPrefix("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>"))
        #expect(out.contains("<title>Commandes &amp; co</title></head>\n<body style=\"margin: 0; padding: 0;\">"))
        #expect(out.contains("font-weight: bold;\">AMAP &lt;Lilas&gt;</p>\n<table><thead><tr>"))
        #expect(out.contains("<th style=\"\(cell)\">Produit</th>"))
        #expect(out.contains("<td style=\"\(cell) text-align: right\">2,40 €</td>"))
        #expect(out.contains("<thead><tr>"))
        // Not a cell: `<t ` and a `<td` never closed stay as they are.
        #expect(out.contains("<p>Élise <t <td</p>\n</div>\n</body>\n</html>\n"))
        #expect(!out.contains("<body>"))
    }

    @Test("a fragment gets the AMAP's name, escaped, as its title; blank edges are trimmed; a lone < at the end stays")
    func fragment() {
        let out = MailLayout.wrap(" \n<p>Bonjour</p>\n<", amap: "L'AMAP & co", language: .en)
        #expect(out.contains("<html lang=\"en\">"))
        #expect(out.contains("<title>L&#39;AMAP &amp; co</title>"))
        #expect(out.contains("\">L&#39;AMAP &amp; co</p>\n<p>Bonjour</p>\n<\n</div>"))
        #expect(MailLayout.wrap("", amap: "A", language: .fr).contains("\">A</p>\n\n</div>"))
    }
}
