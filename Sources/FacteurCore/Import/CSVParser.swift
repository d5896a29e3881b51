import Foundation

/// RFC 4180 as spreadsheets write it: `;`, `,` or tab separators (guessed from the header line),
/// quoted fields with `""` for a quote and line breaks inside, CRLF or LF line ends, blank lines skipped.
public struct CSVParser: Sendable {
    public struct Record: Sendable, Equatable {
        /// The line of the file where the record starts (1-based), for error messages.
        public var line: Int
        public var fields: [String]
    }

    public enum ParseError: Error, Equatable, Sendable {
        case unterminatedQuote(line: Int)
        case empty
    }

    public var separator: Unicode.Scalar

    public init(separator: Unicode.Scalar) { self.separator = separator }

    /// The separator most frequent outside quotes on the first line that has any (exports such as AMAPJ's and
    /// CAMAP's attendance sheets put title lines without separators above the header); `;` on a tie.
    public static func guessSeparator(_ text: String) -> Unicode.Scalar {
        var counts: [Unicode.Scalar: Int] = [";": 0, ",": 0, "\t": 0]
        var quoted = false
        var lines = 0
        for scalar in text.unicodeScalars {
            if scalar == "\"" { quoted.toggle() }
            if !quoted && scalar == "\n" {
                lines += 1
                if counts.values.contains(where: { $0 > 0 }) || lines == 10 { break }
            } else if !quoted, counts[scalar] != nil {
                counts[scalar]! += 1
            }
        }
        let best = counts.max { a, b in a.value < b.value || (a.value == b.value && a.key != ";") }!
        return best.value == 0 ? ";" : best.key
    }

    public func parse(_ text: String) throws(ParseError) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var line = 1
        var recordLine = 1
        var quoted = false
        var afterQuote = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil

        func endRecord() {
            fields.append(String(field))
            field = String.UnicodeScalarView()
            // A blank line, or one of separators only (`;;;;`, what Excel writes for the empty rows of a range),
            // is no record.
            if fields.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                records.append(Record(line: recordLine, fields: fields))
            }
            fields = []
        }

        while let scalar = pending ?? scalars.next() {
            pending = nil
            if quoted {
                if scalar == "\"" {
                    let next = scalars.next()
                    if next == "\"" {
                        field.append("\"")
                    } else {
                        quoted = false
                        afterQuote = true
                        pending = next
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty && !afterQuote:
                quoted = true
            case separator:
                fields.append(String(field))
                field = String.UnicodeScalarView()
                afterQuote = false
            case "\r", "\n":
                if scalar == "\r" {
                    let next = scalars.next()
                    if next != "\n" { pending = next }
                }
                endRecord()
                afterQuote = false
                line += 1
                recordLine = line
            default:
                field.append(scalar)
            }
        }
        if quoted { throw .unterminatedQuote(line: recordLine) }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        if records.isEmpty { throw .empty }
        return records
    }
}
