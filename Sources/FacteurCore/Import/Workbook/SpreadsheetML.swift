/// The first sheet of a .xlsx (Office Open XML SpreadsheetML), as rows of cell text: what Amapress,
/// Excel and LibreOffice write. Shared and inline strings, numbers, booleans, and dates (numbers whose
/// style is a date format) as `2026-11-26` or `2026-11-26 18:30`.
enum SpreadsheetML {
    static func firstSheet(_ zip: ZipArchive) throws(Workbook.Failure) -> [Workbook.Row] {
        let sheetPath = try firstSheetPath(zip)
        guard let sheet = try member(zip, sheetPath) else { throw .damaged(sheetPath) }
        let strings = try sharedStrings(zip)
        let styles = try dateStyles(zip)
        let base1904 =
            try member(zip, "xl/workbook.xml").map { bytes in
                var scanner = XMLScanner(bytes)
                while let event = scanner.next() {
                    if case .start("workbookPr", let attributes, _) = event {
                        return ["1", "true"].contains(attributes["date1904"] ?? "")
                    }
                }
                return false
            } ?? false
        return try rows(sheet, strings: strings, dateStyles: styles, base1904: base1904)
    }

    private static func member(_ zip: ZipArchive, _ name: String) throws(Workbook.Failure) -> [UInt8]? {
        do { return try zip.contents(name) } catch { throw Workbook.Failure(error) }
    }

    /// `xl/workbook.xml` names the sheets in order; its relationships say which part holds the first.
    private static func firstSheetPath(_ zip: ZipArchive) throws(Workbook.Failure) -> String {
        var relationship: String?
        if let workbook = try member(zip, "xl/workbook.xml") {
            var scanner = XMLScanner(workbook)
            while let event = scanner.next() {
                if case .start("sheet", let attributes, _) = event {
                    relationship = attributes["id"]
                    break
                }
            }
        }
        if let relationship, let rels = try member(zip, "xl/_rels/workbook.xml.rels") {
            var scanner = XMLScanner(rels)
            while let event = scanner.next() {
                if case .start("Relationship", let attributes, _) = event, attributes["Id"] == relationship,
                    let target = attributes["Target"]
                {
                    return target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
                }
            }
        }
        return "xl/worksheets/sheet1.xml"
    }

    private static func sharedStrings(_ zip: ZipArchive) throws(Workbook.Failure) -> [String] {
        guard let bytes = try member(zip, "xl/sharedStrings.xml") else { return [] }
        var strings: [String] = []
        var scanner = XMLScanner(bytes)
        var current: String?
        var inText = false
        var inPhonetic = false
        while let event = scanner.next() {
            switch event {
            case .start("si", _, let selfClosing):
                if selfClosing { strings.append("") } else { current = "" }
            case .end("si"):
                strings.append(current ?? "")
                current = nil
            case .start("rPh", _, _): inPhonetic = true
            case .end("rPh"): inPhonetic = false
            case .start("t", _, let selfClosing): inText = !selfClosing
            case .end("t"): inText = false
            case .text(let text) where inText && !inPhonetic: current? += text
            default: break
            }
        }
        return strings
    }

    /// The cell styles (`s` attribute, an index into `cellXfs`) whose number format shows a date.
    private static func dateStyles(_ zip: ZipArchive) throws(Workbook.Failure) -> Set<Int> {
        guard let bytes = try member(zip, "xl/styles.xml") else { return [] }
        var customDate: Set<Int> = []
        var styles: Set<Int> = []
        var inCellXfs = false
        var index = 0
        var scanner = XMLScanner(bytes)
        while let event = scanner.next() {
            switch event {
            case .start("numFmt", let attributes, _):
                if let id = attributes["numFmtId"].flatMap({ Int($0) }), isDateFormat(attributes["formatCode"] ?? "") {
                    customDate.insert(id)
                }
            case .start("cellXfs", _, _): inCellXfs = true
            case .end("cellXfs"): inCellXfs = false
            case .start("xf", let attributes, _) where inCellXfs:
                if let id = attributes["numFmtId"].flatMap({ Int($0) }),
                    (14...22).contains(id) || (45...47).contains(id) || customDate.contains(id)
                {
                    styles.insert(index)
                }
                index += 1
            default: break
            }
        }
        return styles
    }

    /// `dd/mm/yyyy`, `[$-40C]d mmmm yyyy`… but not `0.00 €` or `"jour"0`.
    static func isDateFormat(_ code: String) -> Bool {
        var plain = ""
        var quoted = false
        var bracket = false
        for c in code {
            switch c {
            case "\"": quoted.toggle()
            case "[" where !quoted: bracket = true
            case "]" where !quoted: bracket = false
            default: if !quoted && !bracket { plain.append(c) }
            }
        }
        let lower = plain.lowercased()
        return lower.contains("d") || lower.contains("y") || (lower.contains("m") && !lower.contains("0"))
    }

    /// Bounded: a sheet of more than `Workbook.rowLimit` rows or `Workbook.cellLimit` cells (a few bytes of
    /// XML can claim column XFD) is refused as too large, and row numbers stay within a spreadsheet's.
    private static func rows(_ sheet: [UInt8], strings: [String], dateStyles: Set<Int>, base1904: Bool)
        throws(Workbook.Failure) -> [Workbook.Row]
    {
        var rows: [Workbook.Row] = []
        var cells: [String] = []
        var rowNumber: Int?
        var nextRowNumber = 1
        var cellCount = 0
        var cellColumn = 0
        var cellType = ""
        var cellStyle = -1
        var value: String?
        var inValue = false
        var scanner = XMLScanner(sheet)
        func cellText(_ raw: String) -> String {
            switch cellType {
            case "s": Int(raw).flatMap { strings.indices.contains($0) ? strings[$0] : nil } ?? ""
            case "b": raw == "1" ? "oui" : "non"
            case "str", "inlineStr", "e", "d": raw
            default:
                dateStyles.contains(cellStyle)
                    ? (Workbook.dateText(serial: raw, base1904: base1904) ?? raw) : Workbook.numberText(raw)
            }
        }
        func finishRow() throws(Workbook.Failure) {
            guard let number = rowNumber else { return }
            while cells.last == "" { cells.removeLast() }
            rows.append(Workbook.Row(number: number, cells: cells))
            cellCount += cells.count
            guard rows.count <= Workbook.rowLimit, cellCount <= Workbook.cellLimit else { throw .tooLarge("feuille") }
            cells = []
            rowNumber = nil
        }
        while let event = scanner.next() {
            switch event {
            case .start("row", let attributes, let selfClosing):
                try finishRow()
                let number = min(max(1, attributes["r"].flatMap { Int($0) } ?? nextRowNumber), Workbook.maximumRow)
                nextRowNumber = min(number + 1, Workbook.maximumRow)
                rowNumber = number
                if selfClosing { try finishRow() }
            case .end("row"):
                try finishRow()
            case .start("c", let attributes, let selfClosing):
                cellColumn = attributes["r"].map { Workbook.columnIndex($0) ?? -1 } ?? cells.count
                cellType = attributes["t"] ?? "n"
                cellStyle = attributes["s"].flatMap { Int($0) } ?? -1
                value = nil
                if selfClosing { cellColumn = -1 }
            case .end("c"):
                if rowNumber != nil, let raw = value, cellColumn >= 0, cellColumn < Workbook.columnLimit {
                    let text = cellText(raw)
                    if !text.isEmpty {
                        // Padding counts towards the sheet's cells: a lone cell in column XFD is 16,384 of them.
                        guard cellCount + cellColumn <= Workbook.cellLimit else { throw .tooLarge("feuille") }
                        while cells.count <= cellColumn { cells.append("") }
                        cells[cellColumn] = text
                    }
                }
                value = nil
            case .start("v", _, let selfClosing), .start("t", _, let selfClosing):
                inValue = !selfClosing
                if value == nil { value = "" }
            case .end("v"), .end("t"): inValue = false
            case .text(let text) where inValue:
                if (value?.utf8.count ?? 0) < Workbook.cellTextLimit { value?.append(text) }
            default: break
            }
        }
        try finishRow()
        return rows
    }
}
