import Foundation

/// Cell values as French spreadsheets show them, turned into the published schema's forms: dates
/// `26/11/2026` → `2026-11-26`, times `18h30` → `18:30`, amounts `1 234,50 €` → 123450 cents,
/// `oui`/`non` → 1/0. Each parser returns nil when it cannot read the cell; the caller says why.
public enum SpreadsheetValues {
    /// `26/11/2026`, `26/11/26`, `26-11-2026`, `26.11.2026` or ISO `2026-11-26`.
    public static func date(_ cell: String) -> LocalDate? {
        let text = cell.trimmingCharacters(in: .whitespaces)
        if let iso = LocalDate(text) { return iso }
        let parts = text.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." })
        guard parts.count == 3, let day = Int(parts[0]), let month = Int(parts[1]), var year = Int(parts[2]) else {
            return nil
        }
        guard parts[2].count == 2 || parts[2].count == 4 else { return nil }
        if parts[2].count == 2 { year += 2000 }
        return LocalDate(String(format: "%04d-%02d-%02d", year, month, day))
    }

    /// `18:30`, `18h30`, `18h`, `18:30:00` → minutes since midnight.
    public static func time(_ cell: String) -> Int? {
        let text = cell.trimmingCharacters(in: .whitespaces).lowercased()
        let parts = text.split(separator: text.contains("h") ? "h" : ":", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), let hour = Int(parts[0]), (0...23).contains(hour) else { return nil }
        let minute = parts.count > 1 && !parts[1].isEmpty ? Int(parts[1]) : 0
        guard let minute, (0...59).contains(minute) else { return nil }
        if parts.count == 1 && !text.isEmpty && text.contains(":") { return nil }
        return hour * 60 + minute
    }

    /// A date and a time in one cell (`26/11/2026 18:30`, `2026-11-26T18:30`), as the schema's local
    /// `YYYY-MM-DD HH:MM`. A cell with an explicit offset (`Z`, `+01:00`) is kept as written.
    public static func dateTime(_ cell: String) -> String? {
        let text = cell.trimmingCharacters(in: .whitespaces)
        if text.count > 16,
            text.hasSuffix("Z") || text.dropLast(6).count >= 16 && "+-".contains(text.dropLast(5).last!),
            (try? ScheduleTime.parse(text, in: TimeZone(secondsFromGMT: 0)!)) != nil
        {
            return text
        }
        let pieces = text.split(whereSeparator: { $0 == " " || $0 == "T" }).map(String.init)
        guard pieces.count == 2 || pieces.count == 3 else { return nil }
        let timeText = pieces.count == 3 && pieces[1] == "à" ? pieces[2] : pieces.last!
        guard pieces.count == 2 || pieces[1] == "à", let date = date(pieces[0]), let minutes = time(timeText) else {
            return nil
        }
        return local(date, minutes: minutes)
    }

    public static func local(_ date: LocalDate, minutes: Int) -> String {
        "\(date) \(String(format: "%02d:%02d", minutes / 60, minutes % 60))"
    }

    /// `12,50`, `12,50 €`, `€12.50`, `1 234,50`, `1.234,50`, `-5`, `12 EUR` → cents.
    public static func cents(_ cell: String) -> Int64? {
        var text = cell.replacingOccurrences(of: "€", with: "").replacingOccurrences(of: "EUR", with: "")
        text = text.filter { !$0.isWhitespace && $0 != "\u{202F}" && $0 != "\u{00A0}" && $0 != "'" }
        if text.hasPrefix("\u{2212}") { text = "-" + text.dropFirst() }
        guard !text.isEmpty else { return nil }
        let negative = text.hasPrefix("-")
        if negative || text.hasPrefix("+") { text.removeFirst() }
        // The last `,` or `.` followed by one or two digits is the decimal mark; others group thousands.
        var whole = text
        var fraction = ""
        if let mark = text.lastIndex(where: { $0 == "," || $0 == "." }) {
            let after = text[text.index(after: mark)...]
            // One mark and three digits after it (`12,505`, `2.400`) is a decimal or a thousands group, depending
            // on who wrote it: refused (the cell is named) rather than read a thousand times too large.
            if after.count == 3, text.filter({ $0 == "," || $0 == "." }).count == 1 { return nil }
            // Four digits or more after the last mark is no thousands group: a fraction of a cent (`12,3456`, a
            // workbook's `=100/3`), refused rather than read ten thousand times too large.
            if after.count > 3 { return nil }
            if after.count <= 2 && !after.isEmpty {
                whole = String(text[..<mark])
                fraction = String(after)
            }
        }
        whole = whole.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: "")
        guard !whole.isEmpty || !fraction.isEmpty, whole.allSatisfy(\.isASCII), fraction.allSatisfy(\.isASCII),
            let units = Int64(whole.isEmpty ? "0" : whole), let parts = Int64(fraction.isEmpty ? "0" : fraction)
        else { return nil }
        let (hundreds, overflow) = units.multipliedReportingOverflow(by: 100)
        let (cents, overflow2) = hundreds.addingReportingOverflow(fraction.count == 1 ? parts * 10 : parts)
        guard !overflow, !overflow2 else { return nil }
        return negative ? -cents : cents
    }

    /// `12,505` → ("12,51", "12505"): the two readings of an amount with one mark and three digits after it, for
    /// the import to offer when it refuses the cell (`0,125` and `33,3333` have only the first). Nil for any
    /// other text.
    public static func ambiguousAmount(_ cell: String) -> (rounded: String, thousands: String?)? {
        var text = cell.replacingOccurrences(of: "€", with: "").replacingOccurrences(of: "EUR", with: "")
            .trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("\u{2212}") { text = "-" + text.dropFirst() }
        let sign = text.hasPrefix("-") ? "-" : ""
        if !sign.isEmpty { text.removeFirst() }
        let parts = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "," || $0 == "." })
        guard parts.count == 2, (3...9).contains(parts[1].count), !parts[0].isEmpty,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let units = Int64(parts[0]), units < 1_000_000_000, let fraction = Int64(parts[1])
        else { return nil }
        var divisor: Int64 = 1
        for _ in 2..<parts[1].count { divisor *= 10 }
        let cents = units * 100 + (fraction + divisor / 2) / divisor
        let rest = cents % 100
        // Only three digits can be a thousands group.
        let thousands = units == 0 || parts[1].count != 3 ? nil : "\(sign)\(units)\(parts[1])"
        return ("\(sign)\(cents / 100),\(rest < 10 ? "0" : "")\(rest)", thousands)
    }

    /// `oui`/`non`, `yes`/`no`, `vrai`/`faux`, `1`/`0`, `x`; nil for anything else.
    public static func flag(_ cell: String) -> Bool? {
        switch cell.trimmingCharacters(in: .whitespaces).lowercased() {
        case "1", "oui", "o", "yes", "y", "vrai", "true", "x", "annulée", "annulee", "actif", "active": return true
        case "0", "non", "n", "no", "faux", "false", "", "inactif", "inactive": return false
        default: return nil
        }
    }

    /// Whole numbers, allowing `3,0` from a spreadsheet that formats every cell with decimals.
    public static func integer(_ cell: String) -> Int64? {
        let text = cell.trimmingCharacters(in: .whitespaces)
        if let n = Int64(text) { return n }
        guard let cents = cents(text), cents % 100 == 0, !text.contains("€") else { return nil }
        return cents / 100
    }

    /// A positive decimal quantity in thousandths: `1,5` and `1.5` → 1500, `0,25` → 250; nil beyond three
    /// decimals or 10⁹ units.
    public static func thousandths(_ cell: String) -> Int64? {
        let text = cell.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count <= 3, !parts[1].isEmpty,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let units = Int64(parts[0].isEmpty ? "0" : String(parts[0])), units < 1_000_000_000,
            let fraction = Int64(String(parts[1]))
        else { return nil }
        var scale: Int64 = 1
        for _ in parts[1].count..<3 { scale *= 10 }
        return units * 1000 + fraction * scale
    }
}
