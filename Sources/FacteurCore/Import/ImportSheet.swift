import Foundation

/// A value ready for the database: text, a whole number (cents, flags, quantities) or nothing.
public enum ImportValue: Sendable, Equatable {
    case text(String)
    case integer(Int64)
    case null
}

/// One data row of the file with its cells read: values by column name, and where each came from.
public struct ImportRecord: Sendable {
    public var line: Int
    public var values: [String: ImportValue]

    public func text(_ column: String) -> String? {
        if case .text(let t) = values[column] { return t }
        return nil
    }
}

/// A whole file read against one table: the recognised columns, the rows, and every problem found
/// in the cells. The store resolves references and reports its own problems with the same positions.
public struct ImportSheet: Sendable {
    public var file: String
    public var table: ImportTable
    public var encoding: CSVText.Encoding
    /// In a file of mixed encodings, the lines read as Windows-1252 (the rest is UTF-8), for the import to say.
    public var windows1252Lines: [Int] = []
    public var separator: Unicode.Scalar
    public var records: [ImportRecord] = []
    public var problems: [ImportProblem] = []
    /// Headers that matched no column: ignored, and said so.
    public var ignoredHeaders: [String] = []
    /// Lines with a cell that could not be read: the store skips them (their problems are reported).
    public var badLines: Set<Int> = []
    /// Whether the header itself is unusable (a required column missing): no row can be read.
    public var headerIsUnusable = false
    /// Column name → (1-based position, header as written), for messages.
    public var positions: [String: (Int, String)] = [:]

    /// Values given on the command line for a column the file lacks (`--contract Œufs`): every row has it.
    public var defaults: [String: String] = [:]

    /// A second column of the same « Nom » header, when the export has two.
    public var secondName: (Int, String)?

    public var presentColumns: Set<String> { Set(positions.keys) }

    public func problem(_ record: ImportRecord, _ column: String?, _ message: BilingualText) -> ImportProblem {
        let position = column.flatMap { positions[$0] }
        return ImportProblem(file: file, line: record.line, column: position?.0, header: position?.1, message: message)
    }

    /// Rows left out on purpose, with why (a cheque not received yet): said, never silently dropped.
    public var skipped: [(line: Int, reason: BilingualText)] = []

    /// What the file was: a CSV text, or a workbook read directly.
    public var workbook: Workbook.Kind?

    /// A file as read from disk: a CSV in any of the encodings spreadsheets write, or a .xlsx or .ods
    /// workbook (its first sheet). A .xls needs libfreexl: the command reads it and uses `init(file:table:workbook:)`.
    public init(file: String, table: ImportTable, bytes: [UInt8], defaults: [String: String] = [:]) {
        if let kind = Workbook.kind(of: bytes) {
            self.init(
                file: file, table: table, workbook: kind,
                rows: Result { () throws(Workbook.Failure) in try Workbook.rows(kind, bytes) }, defaults: defaults)
            return
        }
        let (text, encoding, windows1252Lines) = CSVText.decode(bytes)
        self.init(file: file, table: table, encoding: encoding, separator: CSVParser.guessSeparator(text))
        self.windows1252Lines = windows1252Lines
        self.defaults = defaults
        let rows: [CSVParser.Record]
        do { rows = try CSVParser(separator: separator).parse(text) } catch {
            switch error {
            case .empty:
                problems.append(
                    ImportProblem(
                        file: file, line: 1, message: .init(fr: "le fichier est vide", en: "the file is empty")))
            case .unterminatedQuote(let line):
                problems.append(
                    ImportProblem(
                        file: file, line: line,
                        message: .init(
                            fr: "une cellule entre guillemets n'est jamais fermée", en: "a quoted cell is never closed")
                    ))
            }
            return
        }
        load(rows)
    }

    /// The first sheet of a workbook, read by whichever reader handles its kind.
    public init(
        file: String, table: ImportTable, workbook: Workbook.Kind, rows: Result<[Workbook.Row], Workbook.Failure>,
        defaults: [String: String] = [:]
    ) {
        self.init(file: file, table: table, encoding: .utf8, separator: ";")
        self.workbook = workbook
        self.defaults = defaults
        switch rows {
        case .failure(let failure):
            problems.append(ImportProblem(file: file, line: 1, message: failure.text))
            headerIsUnusable = true
        case .success(let rows):
            let records = rows.filter { row in row.cells.contains { !$0.isEmpty } }.map {
                CSVParser.Record(line: $0.number, fields: $0.cells)
            }
            guard !records.isEmpty else {
                problems.append(
                    ImportProblem(
                        file: file, line: 1,
                        message: .init(fr: "la première feuille est vide", en: "the first sheet is empty")))
                return
            }
            load(records)
        }
    }

    private init(file: String, table: ImportTable, encoding: CSVText.Encoding, separator: Unicode.Scalar) {
        self.file = file
        self.table = table
        self.encoding = encoding
        self.separator = separator
    }

    private mutating func load(_ rows: [CSVParser.Record]) {
        // CAMAP's attendance sheets (feuilles d'émargement) abbreviate names and give no address: no row
        // could be matched to a member. Said plainly, with the export to use instead.
        if let sheet = rows.prefix(10).first(where: Self.isAttendanceSheetHeader) {
            problems.append(
                ImportProblem(
                    file: file, line: sheet.line,
                    message: .init(
                        fr: "c'est une feuille d'émargement de CAMAP : elle abrège les noms et ne donne pas les "
                            + "courriels, Facteur ne peut donc pas savoir de qui il s'agit ; exportez plutôt, dans "
                            + "CAMAP, les souscriptions du contrat ou les commandes de la distribution (CSV)",
                        en: "this is a CAMAP attendance sheet: it abbreviates names and gives no addresses, so "
                            + "Facteur cannot tell who is who; export the contract's subscriptions or the "
                            + "distribution's orders (CSV) from CAMAP instead")))
            headerIsUnusable = true
            return
        }
        // The header is the first of the first ten lines that names every required column: exports such as
        // AMAPJ's put a title and a blank line above it.
        var headerIndex = 0
        for (index, row) in rows.prefix(10).enumerated() {
            var trial = self
            trial.readHeader(row)
            if trial.problems.isEmpty {
                headerIndex = index
                break
            }
        }
        readHeader(rows[headerIndex])
        guard problems.isEmpty else {
            headerIsUnusable = true
            return
        }
        for row in rows.dropFirst(headerIndex + 1) {
            let before = problems.count
            let record = read(row)
            if problems.count > before { badLines.insert(row.line) }
            if let status = record.text("status"), let skip = Self.unreceived(status) {
                skipped.append((row.line, skip))
                continue
            }
            records.append(record)
        }
    }

    /// `Nom,Téléphone,Contrat,26/11,03/12` or `…,Solde contrat,…,Signature`: CAMAP's attendance sheets.
    static func isAttendanceSheetHeader(_ row: CSVParser.Record) -> Bool {
        let folded = row.fields.map(fold)
        guard folded.contains("nom"), folded.contains("contrat") else { return false }
        let dated = row.fields.contains { field in
            let parts = field.split(separator: "/")
            return parts.count == 2 && parts.allSatisfy { $0.count == 2 && $0.allSatisfy(\.isNumber) }
        }
        return dated || folded.contains("signature") || folded.contains("solde_contrat")
    }

    /// Why a payment with this status is left out (nil when the money was received).
    static func unreceived(_ status: String) -> BilingualText? {
        let folded = fold(status)
        if ["", "recu", "recue", "remis", "remise", "encaisse", "encaissee", "paye", "payee", "valide"].contains(folded)
        {
            return nil
        }
        return .init(
            fr: "statut « \(status) » : pas encore reçu, donc pas compté (importez-le de nouveau une fois reçu)",
            en: "status “\(status)”: not received yet, so not counted (import it again once it is)")
    }

    /// `Téléphone portable` → `telephone_portable`.
    public static func fold(_ header: String) -> String { FoldedText.make(header, separator: "_") }

    private mutating func readHeader(_ header: CSVParser.Record) {
        for (index, raw) in header.fields.enumerated() {
            let folded = Self.fold(raw)
            guard !folded.isEmpty else { continue }
            let match = table.columns.first { $0.name == folded || $0.headers.contains(folded) }
            guard let match else {
                ignoredHeaders.append(raw)
                continue
            }
            if let earlier = positions[match.name] {
                // Amapress's users export has two « Nom » columns: the name shown (« Camille Dupont ») and
                // the family name. Both are kept; each row takes the family name (see `read`).
                if match.name == "name", secondName == nil, Self.fold(earlier.1) == folded {
                    secondName = (index + 1, raw)
                    continue
                }
                problems.append(
                    ImportProblem(
                        file: file, line: header.line, column: index + 1, header: raw,
                        message: .init(
                            fr: "veut dire la même chose que la colonne \(earlier.0) « \(earlier.1) »",
                            en: "means the same column as column \(earlier.0) “\(earlier.1)”")))
                continue
            }
            positions[match.name] = (index + 1, raw)
        }
        for column in table.columns
        where column.required && positions[column.name] == nil && defaults[column.name] == nil
            && !(column.unlessPresent.map { positions[$0] != nil } ?? false)
        {
            // Named in the export's words ("Montant"), not the schema's (`amount_cents`).
            let examples = column.headers.filter { $0 != column.name }.prefix(3).joined(separator: "”, “")
            problems.append(
                ImportProblem(
                    file: file, line: header.line,
                    message: .init(
                        fr:
                            "il manque la colonne « \(column.label) » (un en-tête comme « \(examples.replacingOccurrences(of: "”, “", with: " », « ")) »)",
                        en: "missing column “\(column.name)” (a header such as “\(column.name)”, “\(examples)”)")))
        }
    }

    private mutating func read(_ row: CSVParser.Record) -> ImportRecord {
        var record = ImportRecord(line: row.line, values: [:])
        let hasDateColumn = positions["date"] != nil
        for column in table.columns {
            guard let (position, _) = positions[column.name] else {
                if let given = defaults[column.name] { record.values[column.name] = .text(given) }
                continue
            }
            let cell = position - 1 < row.fields.count ? row.fields[position - 1] : ""
            let trimmed = cell.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty {
                // Empty is fine when the column that may stand in for it has a value on this line.
                let standIn =
                    column.unlessPresent.flatMap { positions[$0] }.map { position in
                        position.0 <= row.fields.count
                            && !row.fields[position.0 - 1].trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                    } ?? false
                if column.required && !standIn {
                    problems.append(problem(record, column.name, .init(fr: "est vide", en: "is empty")))
                }
                record.values[column.name] = .null
                continue
            }
            switch column.kind {
            case .text
            where column.name == "phone" && trimmed.count == 9 && trimmed.allSatisfy({ $0.isASCII && $0.isNumber })
                && trimmed.first != "0":
                // A French number typed in a spreadsheet cell became a number and lost its leading 0.
                record.values[column.name] = .text("0" + trimmed)
            case .text, .reference:
                record.values[column.name] = .text(trimmed)
            case .email:
                if EmailAddress.isValid(trimmed) {
                    record.values[column.name] = .text(trimmed)
                } else if trimmed.hasSuffix("#") && !trimmed.contains("@") {
                    // AMAPJ's placeholder for a member without an address (`lucie#`): no address, said so.
                    record.values[column.name] = .null
                    skipped.append(
                        (
                            row.line,
                            .init(
                                fr:
                                    "« \(trimmed) » est la marque d'AMAPJ pour « pas d'adresse » : importé sans adresse",
                                en: "“\(trimmed)” is AMAPJ's mark for “no address”: imported without one")
                        ))
                } else {
                    problems.append(
                        problem(
                            record, column.name,
                            .init(
                                fr: "« \(trimmed) » n'est pas une adresse mail",
                                en: "“\(trimmed)” is not an email address")))
                }
            case .date:
                if let date = SpreadsheetValues.date(trimmed) {
                    record.values[column.name] = .text(date.description)
                } else {
                    problems.append(
                        problem(
                            record, column.name,
                            .init(
                                fr: "« \(trimmed) » n'est pas une date (attendu : 26/11/2026)",
                                en: "“\(trimmed)” is not a date (expected 26/11/2026)")))
                }
            case .dateTime:
                if let value = SpreadsheetValues.dateTime(trimmed) {
                    record.values[column.name] = .text(value)
                } else if hasDateColumn || column.name == "ends_at", let minutes = SpreadsheetValues.time(trimmed) {
                    // A time alone: the day comes from the `date` column or, for an end, from the start.
                    record.values[column.name] = .text(String(format: "%02d:%02d", minutes / 60, minutes % 60))
                } else {
                    problems.append(
                        problem(
                            record, column.name,
                            .init(
                                fr: "« \(trimmed) » n'est pas une date et une heure (attendu : 26/11/2026 18:30)",
                                en: "“\(trimmed)” is not a date and time (expected 26/11/2026 18:30)")))
                }
            case .money:
                if let cents = SpreadsheetValues.cents(trimmed) {
                    record.values[column.name] = .integer(cents)
                } else if let (rounded, thousands) = SpreadsheetValues.ambiguousAmount(trimmed) {
                    // A workbook's number cell has no thousands separator: its only reading is to the cent.
                    let other = workbook == nil ? thousands : nil
                    let mark = trimmed.contains(",") ? ("la virgule", "comma") : ("le point", "point")
                    let orFr = other.map { " ou sans séparateur de milliers (\($0))" } ?? ""
                    let orEn = other.map { " or without a thousands separator (\($0))" } ?? ""
                    problems.append(
                        problem(
                            record, column.name,
                            .init(
                                fr: "« \(trimmed) » a plus de deux chiffres après \(mark.0) : "
                                    + "écrivez le montant au centime (\(rounded))\(orFr)",
                                en: "“\(trimmed)” has more than two digits after the \(mark.1): "
                                    + "write the amount to the cent (\(rounded))\(orEn)")))
                } else {
                    problems.append(
                        problem(
                            record, column.name,
                            .init(
                                fr: "« \(trimmed) » n'est pas un montant (attendu : 12,50 €)",
                                en: "“\(trimmed)” is not an amount (expected 12,50 €)")))
                }
            case .quantity:
                if let n = SpreadsheetValues.integer(trimmed), n >= 0 {
                    record.values[column.name] = .integer(n)
                } else if let milli = SpreadsheetValues.thousandths(trimmed), milli > 0 {
                    record.values[column.name + "_thousandths"] = .integer(milli)
                    record.values[column.name] = .null
                } else {
                    problems.append(
                        problem(
                            record, column.name,
                            .init(
                                fr: "« \(trimmed) » n'est pas une quantité (attendu : 2 ou 1,5)",
                                en: "“\(trimmed)” is not a quantity (expected 2 or 1,5)")))
                }
            case .integer:
                if let n = SpreadsheetValues.integer(trimmed), n >= 0 {
                    record.values[column.name] = .integer(n)
                } else {
                    problems.append(
                        problem(
                            record, column.name,
                            .init(
                                fr: "« \(trimmed) » n'est pas un nombre entier",
                                en: "“\(trimmed)” is not a whole number")))
                }
            case .flag:
                if let flag = SpreadsheetValues.flag(trimmed) {
                    record.values[column.name] = .integer(flag ? 1 : 0)
                } else {
                    problems.append(
                        problem(
                            record, column.name,
                            .init(fr: "« \(trimmed) » n'est ni oui ni non", en: "“\(trimmed)” is not oui or non")))
                }
            }
        }
        completeTimes(&record)
        if let (position, _) = secondName, position - 1 < row.fields.count {
            let other = row.fields[position - 1].trimmingCharacters(in: .whitespacesAndNewlines)
            if let name = record.text("name") {
                // The shorter is the family name when the longer holds it (« Camille Dupont » ⊃ « Dupont »).
                if !other.isEmpty, other.count < name.count, name.localizedCaseInsensitiveContains(other) {
                    record.values["name"] = .text(other)
                }
            } else if !other.isEmpty {
                record.values["name"] = .text(other)
            }
        }
        if let first = record.text("first_name"), let last = record.text("name") {
            record.values["name"] = .text("\(first) \(last)")
        }
        record.values["first_name"] = nil
        return record
    }

    /// A start given as a time takes the day of the `date` column; an end given as a time takes the
    /// day of the start. Then an end must come after its start.
    private mutating func completeTimes(_ record: inout ImportRecord) {
        func isTimeOnly(_ column: String) -> Bool { record.text(column)?.count == 5 }
        if table == .distributions {
            if isTimeOnly("starts_at") {
                if let day = record.text("date") {
                    record.values["starts_at"] = .text("\(day) \(record.text("starts_at")!)")
                } else if positions["date"] == nil {
                    problems.append(
                        problem(
                            record, "starts_at",
                            .init(
                                fr: "donne une heure mais pas de date (ajoutez une colonne « Date »)",
                                en: "gives a time but no date (add a date column)")))
                }
            }
            if isTimeOnly("ends_at"), let start = record.text("starts_at"), start.count >= 16 {
                record.values["ends_at"] = .text("\(start.prefix(10)) \(record.text("ends_at")!)")
            }
            record.values["date"] = nil
        }
        let pairs = [("starts_at", "ends_at"), ("opens_at", "closes_at"), ("starts_on", "ends_on")]
        for (first, second) in pairs {
            if let a = record.text(first), let b = record.text(second), a.count == b.count, b < a {
                problems.append(
                    problem(
                        record, second,
                        .init(fr: "« \(b) » vient avant « \(a) »", en: "“\(b)” comes before \(first) “\(a)”")))
            }
        }
    }
}
