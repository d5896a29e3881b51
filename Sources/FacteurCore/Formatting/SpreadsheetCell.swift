/// One cell of the `;`-separated files Facteur writes for people to open in a spreadsheet (the order
/// summary, the producer's sheet, the feeds list): quoted, quotes doubled, when it holds a separator, a
/// quote or a line break.
public enum SpreadsheetCell {
    public static func text(_ value: String) -> String {
        guard value.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return value
        }
        return "\"" + value.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
