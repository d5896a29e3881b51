import FacteurCore
import FacteurStore
import FacteurSystem
import Foundation

/// `facteur import <table> FILE.csv`: a spreadsheet export into the published schema.
public struct ImportCommand: Command {
    public static let name = "import"
    public static let summary =
        "import a spreadsheet (CSV, .xlsx, .ods, .xls) of members, contracts, distributions, orders…"
    public static var help: String {
        """
        usage: facteur import TABLE FILE --config FILE [--amap NAME] [--window DATE] [--contract NAME] [--sync]
               [--dry-run]

        Reads a CSV file with a header row, as LibreOffice or Excel export it (“;” or “,”, UTF-8 with or
        without BOM, or Windows-1252; dates 26/11/2026 18:30, amounts 12,50 €, oui/non), or the first sheet
        of a workbook (.xlsx, .ods, or .xls such as AMAPJ's), and writes it into TABLE. Title lines above
        the header are skipped. Headers may be in French or English (Nom, Prénom, Courriel, Téléphone, Contrat,
        Lieu, Montant…); unknown columns are ignored and listed. Rows refer to others as a person would:
        a member by email (or name), a contract or a producer by name, a distribution by its date.
        Each row is matched by its natural key (a member's email within the AMAP, a contract's name, a
        distribution's start…) and updated, or added; columns the file lacks are left as they are, and
        importing the same file again changes nothing. All or nothing: any problem is reported with its
        line and column and nothing is written (exit 65). --amap names the AMAP when the database has
        several and the file no “amap” column. --window 26/11/2026 gives the closing day of the order
        window for order lines from a file that names none (CAMAP's orders of a distribution); --contract
        Œufs names the contract of every row of a file that names none (CAMAP's orders of one catalog). --dry-run
        checks everything and writes nothing. --sync (members, subscriptions) makes the table match the
        file for its AMAP: members it no longer names become inactive (nothing with history is deleted),
        subscriptions it no longer names, for the contracts it names, end; each change is listed by name
        (with --dry-run, what would change).

        Exports of CAMAP are taken as they come: its member list (with the partner, imported as a member
        of their own), its subscriptions (userEmail, userName "DUPONT Camille", catalogName) and its orders
        (userName, productName, price, quantity; a quantity by weight such as 1.5 becomes one line at the
        weighed amount). So are Amapress's (its users' .xlsx with two « Nom » columns, its payments with
        « Statut »: a cheque not received is left out, and said so) and AMAPJ's (.xls or CSV, Actif/Inactif).

        tables, in the order to import them:
          \(ImportTable.allCases.map(\.rawValue).joined(separator: ", "))

        example: facteur import members adherents.csv --config /etc/facteur/facteur.json
        """
    }

    var table: ImportTable
    var file: String
    var amap: String?
    var dryRun: Bool
    var window: String?
    var contract: String?
    var sync: Bool

    public init(arguments: inout Arguments) throws(UsageError) {
        amap = try arguments.option("--amap")
        dryRun = arguments.flag("--dry-run")
        window = try arguments.option("--window")
        contract = try arguments.option("--contract")
        sync = arguments.flag("--sync")
        guard let tableName = arguments.positional(), let file = arguments.positional() else {
            throw UsageError("import needs a TABLE and a FILE.csv (facteur import members adherents.csv)")
        }
        guard let table = ImportTable(argument: tableName) else {
            throw UsageError(
                "unknown table “\(tableName)”: one of \(ImportTable.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard !sync || table == .members || table == .subscriptions else {
            throw UsageError("--sync applies to members and subscriptions only")
        }
        self.table = table
        self.file = file
    }

    /// 16 MiB: some 350,000 members in a CSV.
    static let maxBytes = 16 << 20

    public func run(_ context: CommandContext) async throws {
        let configuration = try context.configuration()
        let fr = configuration.language == .fr
        // A file is checked whole, in memory, before anything is written (about 50 times its size): a list
        // beyond this is not an AMAP's export, and would exhaust a small server's memory before saying so.
        if let size = (try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? Int,
            size > Self.maxBytes
        {
            let tenths = size * 10 / (1 << 20)
            let mib = "\(tenths / 10)\(fr ? "," : ".")\(tenths % 10)"
            context.output(
                fr
                    ? "\(file) : trop gros (\(mib) Mio, au plus \(Self.maxBytes >> 20) Mio) : "
                        + "importez-le en plusieurs fichiers"
                    : "\(file): too large (\(mib) MiB, at most \(Self.maxBytes >> 20) MiB): "
                        + "import it as several files")
            throw CommandFailure.importRejected
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            context.output(fr ? "\(file) : illisible" : "\(file): cannot be read")
            throw CommandFailure.noInput
        }
        let bytes = Array(data)
        let defaults = contract.map { ["contract": $0] } ?? [:]
        let sheet: ImportSheet
        if Workbook.kind(of: bytes) == .xls {
            sheet = ImportSheet(
                file: file, table: table, workbook: .xls,
                rows: Workbook.isEncryptedOffice(bytes) ? .failure(.encrypted) : Self.legacyWorkbook(file),
                defaults: defaults)
        } else {
            sheet = ImportSheet(file: file, table: table, bytes: bytes, defaults: defaults)
        }
        let rows = FrenchWords.count(sheet.records.count, "ligne", "lignes")
        if let kind = sheet.workbook {
            context.output(
                fr
                    ? "\(file) : \(rows), classeur .\(kind.rawValue) (première feuille)"
                    : "\(file): \(sheet.records.count) row(s), .\(kind.rawValue) workbook (first sheet)")
        } else {
            let separator = sheet.separator == "\t" ? (fr ? "tabulation" : "tab") : String(sheet.separator)
            context.output(
                fr
                    ? "\(file) : \(rows), \(sheet.encoding.rawValue), séparateur « \(separator) »"
                    : "\(file): \(sheet.records.count) row(s), \(sheet.encoding.rawValue), separator “\(separator)”")
        }
        if !sheet.windows1252Lines.isEmpty {
            let lines = sheet.windows1252Lines.prefix(10).map(String.init).joined(separator: ", ")
                + (sheet.windows1252Lines.count > 10 ? "…" : "")
            context.output(
                fr
                    ? "\(file) : \(FrenchWords.count(sheet.windows1252Lines.count, "ligne", "lignes")) en Windows-1252 "
                        + "(\(lines)), le reste en UTF-8 : vérifiez-y les accents"
                    : "\(file): \(sheet.windows1252Lines.count) line(s) in Windows-1252 (\(lines)), the rest in UTF-8: "
                        + "check their accents")
        }
        for header in sheet.ignoredHeaders {
            context.output(
                fr
                    ? "\(file) : colonne « \(header) » ignorée (inconnue)"
                    : "\(file): column “\(header)” ignored (unknown)")
        }
        for row in sheet.skipped {
            context.output(
                fr
                    ? "\(file):\(row.line): ligne laissée de côté : \(row.reason(.fr))"
                    : "\(file):\(row.line): row skipped: \(row.reason(.en))")
        }
        let store = try Store(path: configuration.database)
        try await store.migrate()
        do {
            let report = try await store.write { [window, sync] db in
                try db.importSheet(sheet, defaultAmap: amap, defaultWindow: window, dryRun: dryRun, sync: sync)
            }
            for note in report.notes { context.output(fr ? "\(file) : \(note(.fr))" : "\(file): \(note(.en))") }
            let summary = report.text(configuration.language)
            context.output(
                dryRun ? summary + (fr ? " (essai : rien n'a été écrit)" : " (dry run: nothing written)") : summary)
            return
        } catch let failure as ImportFailure {
            for problem in failure.problems { context.output(problem.text(configuration.language)) }
            context.output(
                fr
                    ? "\(FrenchWords.count(failure.problems.count, "problème", "problèmes")) : rien n'a été importé"
                    : "\(failure.problems.count) problem(s): nothing was imported")
            throw CommandFailure.importRejected
        }
    }

    /// An Excel 97–2003 file, through libfreexl; numbers written as a person would type them.
    static func legacyWorkbook(_ path: String) -> Result<[Workbook.Row], Workbook.Failure> {
        do {
            let rows = try ExcelFile.firstSheet(path: path)
            return .success(
                rows.map { row in
                    Workbook.Row(
                        number: row.number,
                        cells: row.cells.map { cell in
                            switch cell {
                            case .empty: ""
                            case .text(let text): text
                            case .number(let number): Workbook.numberText(String(number))
                            }
                        })
                })
        } catch {
            switch error {
            case .encrypted: return .failure(.encrypted)
            case .noSheet: return .failure(.damaged("Workbook"))
            case .unreadable(let code): return .failure(.damaged("BIFF, libfreexl \(code)"))
            }
        }
    }
}
