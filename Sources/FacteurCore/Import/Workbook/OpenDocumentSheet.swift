/// The first table of an .ods (LibreOffice's own format), as rows of cell text. Repeated rows and cells
/// (`number-rows-repeated`, `number-columns-repeated`) are expanded only where they hold something: an
/// empty sheet says "1,048,576 empty rows" in one element.
enum OpenDocumentSheet {
    static func firstSheet(_ zip: ZipArchive) throws(Workbook.Failure) -> [Workbook.Row] {
        let content: [UInt8]?
        do { content = try zip.contents("content.xml") } catch { throw Workbook.Failure(error) }
        guard let content else { throw .damaged("content.xml") }
        var rows: [Workbook.Row] = []
        var cellCount = 0
        var scanner = XMLScanner(content)
        var tables = 0
        var rowNumber = 0
        var rowRepeat = 1
        var cells: [String] = []
        var cellRepeat = 1
        var cellValue: String?
        var text: String?
        var paragraphs = 0
        var inParagraph = false
        func finishCell() {
            let value = cellValue ?? text ?? ""
            if !value.isEmpty {
                let repeated = min(cellRepeat, Workbook.columnLimit - cells.count)
                if repeated > 0 { cells += repeatElement(value, count: repeated) }
            } else if cells.count + cellRepeat < Workbook.columnLimit {
                cells += repeatElement("", count: cellRepeat)
            }
        }
        while let event = scanner.next() {
            switch event {
            case .start("table", _, _):
                tables += 1
            case .end("table") where tables == 1:
                return rows
            case .start("table-row", let attributes, let selfClosing) where tables == 1:
                rowRepeat = max(1, min(attributes["number-rows-repeated"].flatMap { Int($0) } ?? 1, 1 << 20))
                cells = []
                if selfClosing { rowNumber = min(rowNumber + rowRepeat, Workbook.maximumRow) }
            case .end("table-row") where tables == 1:
                while cells.last == "" { cells.removeLast() }
                if !cells.isEmpty {
                    // Repeated rows with content are rare (a copied line): keep each, up to a sane count.
                    for i in 0..<min(rowRepeat, 1000) {
                        rows.append(Workbook.Row(number: min(rowNumber + 1 + i, Workbook.maximumRow), cells: cells))
                        cellCount += cells.count
                        guard rows.count <= Workbook.rowLimit, cellCount <= Workbook.cellLimit else {
                            throw .tooLarge("feuille")
                        }
                    }
                }
                rowNumber = min(rowNumber + rowRepeat, Workbook.maximumRow)
            case .start("table-cell", let attributes, let selfClosing) where tables == 1,
                .start("covered-table-cell", let attributes, let selfClosing) where tables == 1:
                cellRepeat = max(
                    1, min(attributes["number-columns-repeated"].flatMap { Int($0) } ?? 1, Workbook.columnLimit))
                switch attributes["value-type"] {
                case "date": cellValue = attributes["date-value"].map(Self.dateText)
                case "float", "currency", "percentage": cellValue = attributes["value"].map(Workbook.numberText)
                case "boolean": cellValue = attributes["boolean-value"] == "true" ? "oui" : "non"
                default: cellValue = nil
                }
                text = nil
                paragraphs = 0
                if selfClosing { finishCell() }
            case .end("table-cell") where tables == 1, .end("covered-table-cell") where tables == 1:
                finishCell()
            case .start("p", _, let selfClosing) where tables == 1:
                paragraphs += 1
                if paragraphs > 1 { text = (text ?? "") + "\n" }
                inParagraph = !selfClosing
            case .end("p"):
                inParagraph = false
            case .start("s", let attributes, _) where inParagraph:
                if text == nil { text = "" }
                text?.append(String(repeating: " ", count: max(0, min(attributes["c"].flatMap { Int($0) } ?? 1, 100))))
            case .text(let piece) where inParagraph:
                if text == nil { text = "" }
                if (text?.utf8.count ?? 0) < Workbook.cellTextLimit { text?.append(piece) }
            default:
                break
            }
        }
        return rows
    }

    /// `2026-11-26T18:30:00` → `2026-11-26 18:30`; a date alone stays as it is.
    static func dateText(_ value: String) -> String {
        guard value.count >= 16, let t = value.firstIndex(of: "T") else { return value }
        let time = value[value.index(after: t)...].prefix(5)
        return time == "00:00" ? String(value[..<t]) : "\(value[..<t]) \(time)"
    }
}
