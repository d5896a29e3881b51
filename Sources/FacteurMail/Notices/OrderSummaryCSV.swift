import FacteurCore

/// The order summary as a spreadsheet: UTF-8 with a byte-order mark (so Excel reads the accents),
/// `;` between fields and a decimal comma (as French LibreOffice and Excel expect), CRLF rows.
/// Amounts are plain numbers ("12,50"), without the € sign, so they stay numbers once opened.
public enum OrderSummaryCSV {
    public static func make(_ summary: OrderSummary, language: Language) -> [UInt8] {
        let fr = language == .fr
        var rows: [[String]] = []
        rows.append(fr ? ["Produit", "Quantité", "Montant (€)"] : ["Product", "Quantity", "Amount (€)"])
        for p in summary.products { rows.append([p.product, String(p.quantity), number(p.amount, language)]) }
        rows.append([fr ? "Total" : "Total", "", number(summary.total, language)])
        rows.append([])
        rows.append(
            fr
                ? ["Membre", "Produit", "Quantité", "Prix unitaire (€)", "Montant (€)"]
                : ["Member", "Product", "Quantity", "Unit price (€)", "Amount (€)"])
        for m in summary.members {
            for l in m.lines {
                rows.append([
                    m.name, l.product, String(l.quantity), number(l.unitPrice, language), number(l.amount, language),
                ])
            }
            rows.append([m.name, fr ? "Total" : "Total", "", "", number(m.total, language)])
        }
        let text =
            rows.map { $0.map(SpreadsheetCell.text).joined(separator: ";") }.joined(separator: "\r\n") + "\r\n"
        return [0xEF, 0xBB, 0xBF] + Array(text.utf8)
    }

    /// "1234,50": no thousands separator, so spreadsheets parse it as a number.
    static func number(_ money: Money, _ language: Language) -> String {
        let m = money.cents.magnitude
        let cents = m % 100
        let text = "\(m / 100)\(language == .fr ? "," : ".")\(cents < 10 ? "0" : "")\(cents)"
        return money.cents < 0 ? "-" + text : text
    }
}
