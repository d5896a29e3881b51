/// One cell of the `;`-separated files Facteur writes for people to open in a spreadsheet (the order
/// summary, the producer's sheet, the feeds list): quoted, quotes doubled, when it holds a separator, a
/// quote or a line break.
public enum SpreadsheetCell {
    public static func text(_ value: String) -> String {
        let value = inert(value)
        guard value.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return value
        }
        return "\"" + value.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// A product or a name typed as `=HYPERLINK(…)`, `+…`, `@…` or `-1+…` (imported from a member's form, say)
    /// would be run as a formula by the producer's spreadsheet: an apostrophe in front keeps it text, shown as
    /// typed. Spaces before it (which a spreadsheet may trim) and the full-width and minus signs count too. A plain
    /// number (`-12,50`, Facteur's own amounts) stays a number.
    static func inert(_ value: String) -> String {
        let scalars = value.unicodeScalars.drop { $0.properties.isWhitespace && $0 != "\t" && $0 != "\r" }
        guard let first = scalars.first else { return value }
        switch first {
        case "=", "+", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF20}", "\u{FE62}", "\u{FE66}": return "'" + value
        case "-", "\u{2212}", "\u{FF0D}", "\u{FE63}": return isPlainNumber(scalars.dropFirst()) ? value : "'" + value
        default: return value
        }
    }

    private static func isPlainNumber(_ scalars: some Sequence<Unicode.Scalar>) -> Bool {
        var digits = 0
        var marks = 0
        for s in scalars {
            if ("0"..."9").contains(s) {
                digits += 1
            } else if s == "," || s == "." {
                marks += 1
            } else {
                return false
            }
        }
        return digits > 0 && marks <= 1
    }
}
