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
    /// typed. A plain number (`-12,50`, Facteur's own amounts) stays a number.
    static func inert(_ value: String) -> String {
        guard let first = value.unicodeScalars.first else { return value }
        switch first {
        case "=", "+", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF20}": return "'" + value
        case "-" where !isPlainNumber(value.unicodeScalars.dropFirst()): return "'" + value
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
