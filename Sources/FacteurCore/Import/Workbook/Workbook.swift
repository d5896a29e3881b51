/// A spreadsheet file as its rows of cell text, for `facteur import`: Amapress exports .xlsx only, AMAPJ .xls,
/// and LibreOffice saves .ods. The .xlsx and .ods readers here are plain Swift (zip, DEFLATE, a little XML);
/// .xls (BIFF) is read by libfreexl in FacteurSystem and handed over as rows.
public enum Workbook {
    public enum Kind: String, Sendable {
        case xlsx
        case xls
        case ods
    }

    /// One row of the first sheet: its number as the spreadsheet shows it (1-based), and its cells from column A.
    public struct Row: Sendable, Equatable {
        public var number: Int
        public var cells: [String]

        public init(number: Int, cells: [String]) {
            self.number = number
            self.cells = cells
        }
    }

    /// Why a workbook could not be read, in words a volunteer can act on.
    public enum Failure: Error, Equatable, Sendable {
        case damaged(String)
        case unsupported(String)
        case tooLarge(String)
        case encrypted

        init(_ zip: ZipArchive.Failure) {
            switch zip {
            case .notAZip: self = .damaged("zip")
            case .damaged(let part): self = .damaged(part)
            case .unsupported(let what): self = .unsupported(what)
            case .tooLarge(let part): self = .tooLarge(part)
            }
        }

        public var text: BilingualText {
            switch self {
            case .damaged(let part):
                .init(
                    fr: "ce classeur est abîmé (partie « \(part) ») : ouvrez-le et enregistrez-le de nouveau, ou "
                        + "enregistrez-le en CSV (Fichier › Enregistrer sous › CSV)",
                    en: "this workbook is damaged (part “\(part)”): open it and save it again, or save it as CSV")
            case .unsupported(let what):
                .init(
                    fr: "ce classeur utilise une fonction que Facteur ne sait pas lire (\(what)) : enregistrez-le "
                        + "en CSV (Fichier › Enregistrer sous › CSV)",
                    en: "this workbook uses a feature Facteur cannot read (\(what)): save it as CSV")
            case .tooLarge(let part):
                .init(
                    fr: "ce classeur est trop grand pour un export (\(part)) : enregistrez la feuille en CSV",
                    en: "this workbook is too large for an export (\(part)): save the sheet as CSV")
            case .encrypted:
                .init(
                    fr: "ce classeur est protégé par un mot de passe : enregistrez-le sans protection, ou en CSV",
                    en: "this workbook is password-protected: save it without protection, or as CSV")
            }
        }
    }

    /// Columns beyond XFD (16,384) do not exist in a spreadsheet: a cell claiming one is ignored.
    static let columnLimit = 16_384
    /// A spreadsheet's last row.
    static let maximumRow = 1_048_576
    /// More than any AMAP's export (the network's whole membership is a few thousand rows): a sheet beyond
    /// these is refused as too large rather than read into memory.
    static let rowLimit = 200_000
    static let cellLimit = 5_000_000
    /// One cell's text, in bytes: a pasted file, not a value.
    static let cellTextLimit = 100_000

    /// What kind of workbook these bytes are, or nil for text (a CSV).
    public static func kind(of bytes: [UInt8]) -> Kind? {
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .xls }
        guard bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) else { return nil }
        // An OpenDocument file starts with its uncompressed `mimetype` member.
        let head = String(decoding: bytes.prefix(100), as: UTF8.self)
        return head.contains("application/vnd.oasis.opendocument.spreadsheet") ? .ods : .xlsx
    }

    /// The first sheet of a .xlsx or .ods.
    public static func rows(_ kind: Kind, _ bytes: [UInt8]) throws(Failure) -> [Row] {
        let zip: ZipArchive
        do { zip = try ZipArchive(bytes) } catch { throw Failure(error) }
        switch kind {
        case .xlsx: return try SpreadsheetML.firstSheet(zip)
        case .ods: return try OpenDocumentSheet.firstSheet(zip)
        case .xls: throw .unsupported("BIFF")
        }
    }

    /// An Office file saved with a password is an OLE2 container holding an `EncryptedPackage` stream,
    /// whatever its extension: said as such, not as a damaged .xls.
    public static func isEncryptedOffice(_ bytes: [UInt8]) -> Bool {
        let name = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        guard bytes.count >= name.count else { return false }
        var i = 0
        while i + name.count <= min(bytes.count, 1 << 20) {
            if bytes[i] == name[0] && bytes[i..<(i + name.count)].elementsEqual(name) { return true }
            i += 1
        }
        return false
    }

    /// `B3` → 1 (column B, counted from 0).
    static func columnIndex(_ reference: String) -> Int? {
        var column = 0
        var letters = 0
        for scalar in reference.unicodeScalars {
            guard ("A"..."Z").contains(scalar) else { break }
            column = column * 26 + Int(scalar.value - 64)
            letters += 1
            guard letters <= 3 else { return nil }
        }
        return letters == 0 ? nil : column - 1
    }

    /// A number as a person would type it: `18.749999999999996` → `18.75`, `612345678` as is.
    public static func numberText(_ raw: String) -> String {
        guard let value = Double(raw), value.isFinite, abs(value) < 1e15 else { return raw }
        let rounded = (value * 1_000_000).rounded() / 1_000_000
        if rounded == rounded.rounded(), abs(rounded) < 9e15 { return String(Int64(rounded)) }
        var text = String(rounded)
        if text.contains("e") { return raw }
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// A date serial (days since 1899-12-30, or 1904-01-01) as `2026-11-26`, with `HH:MM` when it has a time.
    static func dateText(serial raw: String, base1904: Bool) -> String? {
        guard let serial = Double(raw), serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        var days = Int(serial.rounded(.down))
        let minutes = Int(((serial - Double(days)) * 1440).rounded())
        days += minutes / 1440
        let minute = minutes % 1440
        // A time alone (a « Début » column formatted hh:mm) is a fraction of the epoch's day: no date.
        if days == 0 && serial < 1 {
            return "\(CivilDay.two(minute / 60)):\(CivilDay.two(minute % 60))"
        }
        let date = CivilDay(daysSince1970: Int64(days - (base1904 ? 24_107 : 25_569))).iso
        guard minute != 0 else { return date }
        return date + " \(CivilDay.two(minute / 60)):\(CivilDay.two(minute % 60))"
    }
}
