import Foundation
import Testing
import TestSupport

@testable import FacteurCore

/// The .xlsx/.ods reader's parts against what real software writes: Python's zlib at three strategies for
/// DEFLATE, and hostile bytes that must end in an error, never a trap.
@Suite struct WorkbookTests {
    /// Raw DEFLATE of `text` by zlib (level, strategy), through python3.
    func zlibDeflate(_ text: [UInt8], level: Int, strategy: String) throws -> [UInt8] {
        let process = try Subprocess(
            "/usr/bin/python3",
            [
                "-c",
                "import sys, zlib; c = zlib.compressobj(\(level), zlib.DEFLATED, -15, 9, zlib.\(strategy)); "
                    + "d = sys.stdin.buffer.read(); sys.stdout.buffer.write(c.compress(d) + c.flush())",
            ], stdin: .pipe, stdout: .pipe)
        process.standardInput!.write(Data(text))
        try process.standardInput!.close()
        let data = process.standardOutput!.readDataToEndOfFile()
        process.waitUntilExit()
        return Array(data)
    }

    static let sample: [UInt8] = Array(
        ("Nom;Prénom;Courriel\n"
            + (0..<300).map { "Dupont\($0);Camille;c\($0 * 7919 % 1000)@example.net\n" }.joined()).utf8)

    @Test(
        "DEFLATE as zlib writes it: dynamic, fixed and stored blocks",
        arguments: [(9, "Z_DEFAULT_STRATEGY"), (1, "Z_FIXED"), (0, "Z_DEFAULT_STRATEGY"), (6, "Z_HUFFMAN_ONLY")])
    func inflate(level: Int, strategy: String) throws {
        let packed = try zlibDeflate(Self.sample, level: level, strategy: strategy)
        #expect(!packed.isEmpty)
        let unpacked = try Inflate.decompress(packed, range: 0..<packed.count, limit: 1 << 20)
        #expect(unpacked == Self.sample)
    }

    @Test("a zip bomb stops at the limit; truncated or garbage DEFLATE is an error")
    func inflateLimits() throws {
        let zeros = [UInt8](repeating: 0, count: 4 << 20)
        let packed = try zlibDeflate(zeros, level: 9, strategy: "Z_DEFAULT_STRATEGY")
        #expect(packed.count < 10_000)
        #expect(throws: Inflate.Failure.tooLarge) {
            try Inflate.decompress(packed, range: 0..<packed.count, limit: 1 << 20)
        }
        #expect(throws: Inflate.Failure.truncated) {
            try Inflate.decompress(packed, range: 0..<packed.count / 2, limit: 8 << 20)
        }
        #expect(throws: Inflate.Failure.badBlockType) { try Inflate.decompress([0x07], range: 0..<1, limit: 100) }
        // Every prefix and every single-byte change of a real stream ends, with a result or an error.
        let real = try zlibDeflate(Self.sample, level: 9, strategy: "Z_DEFAULT_STRATEGY")
        for cut in 0..<real.count {
            _ = try? Inflate.decompress(real, range: 0..<cut, limit: 1 << 20)
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            var damaged = real
            damaged[Int.random(in: 0..<damaged.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
            _ = try? Inflate.decompress(damaged, range: 0..<damaged.count, limit: 1 << 20)
        }
    }

    @Test("numbers as a person types them; date serials in both date systems; column letters")
    func cellValues() {
        #expect(Workbook.numberText("18.749999999999996") == "18.75")
        #expect(Workbook.numberText("612345678") == "612345678")
        #expect(Workbook.numberText("612345678.0") == "612345678")
        #expect(Workbook.numberText("1.5") == "1.5")
        #expect(Workbook.numberText("1E+300") == "1E+300")
        #expect(Workbook.numberText("abc") == "abc")
        #expect(Workbook.dateText(serial: "46352", base1904: false) == "2026-11-26")
        #expect(Workbook.dateText(serial: "44890", base1904: true) == "2026-11-26")
        #expect(Workbook.dateText(serial: "46352.770833333336", base1904: false) == "2026-11-26 18:30")
        #expect(Workbook.dateText(serial: "-1", base1904: false) == nil)
        #expect(Workbook.dateText(serial: "1e308", base1904: false) == nil)
        #expect(Workbook.columnIndex("A1") == 0)
        #expect(Workbook.columnIndex("AB12") == 27)
        #expect(Workbook.columnIndex("XFD1") == 16383)
        #expect(Workbook.columnIndex("ZZZZ1") == nil)
        #expect(SpreadsheetML.isDateFormat("dd/mm/yyyy"))
        #expect(SpreadsheetML.isDateFormat("[$-40C]d mmmm yyyy"))
        #expect(!SpreadsheetML.isDateFormat("#,##0.00\\ [$€-40C]"))
        #expect(!SpreadsheetML.isDateFormat("0\" jours\""))
    }

    @Test("XML entities, prefixes, CDATA and comments as the parts of a workbook use them")
    func xml() {
        var scanner = XMLScanner(
            Array(
                "<?xml version=\"1.0\"?><!-- a > b --><x:row r=\"3\"><c t='s'>Caf&#233; &amp; th&#xE9; &lt;3<![CDATA[<b>]]></c><v/></x:row>"
                    .utf8))
        var events: [String] = []
        while let event = scanner.next() {
            switch event {
            case .start(let name, let attributes, let selfClosing):
                events.append(
                    "<\(name)\(attributes.sorted { $0.key < $1.key }.map { " \($0.key)=\($0.value)" }.joined())\(selfClosing ? "/" : "")>"
                )
            case .end(let name): events.append("</\(name)>")
            case .text(let text): events.append(text)
            }
        }
        #expect(events == ["<row r=3>", "<c t=s>", "Café & thé <3", "<b>", "</c>", "<v/>", "</row>"])
    }

    @Test("a damaged or hostile workbook is an error naming what is wrong, never a trap")
    func hostileWorkbooks() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/import/tools/amapress-utilisateurs.xlsx")
        let bytes = Array(try Data(contentsOf: fixture))
        let rows = try Workbook.rows(.xlsx, bytes)
        #expect(rows.first?.cells.prefix(3) == ["Identifiant", "Nom", "Email"])
        #expect(rows.count == 4)
        #expect(throws: Workbook.Failure.self) { try Workbook.rows(.xlsx, Array(bytes.prefix(bytes.count / 2))) }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            var damaged = bytes
            for _ in 0..<4 {
                damaged[Int.random(in: 0..<damaged.count, using: &generator)] = UInt8.random(
                    in: 0...255, using: &generator)
            }
            _ = try? Workbook.rows(.xlsx, damaged)
        }
        #expect(throws: Workbook.Failure.self) { try Workbook.rows(.xlsx, Array("PK not really".utf8)) }
    }

    /// A zip of stored (uncompressed) members, as a test's hostile workbook.
    static func storedZip(_ files: [(String, String)]) -> [UInt8] {
        func u16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func u32(_ v: UInt32) -> [UInt8] { [0, 8, 16, 24].map { UInt8(v >> UInt32($0) & 0xFF) } }
        var out: [UInt8] = []
        var central: [UInt8] = []
        for (name, text) in files {
            let data = Array(text.utf8)
            let crc = CRC32.checksum(data)
            let offset = out.count
            let nameBytes = Array(name.utf8)
            out += u32(0x0403_4B50) + u16(20) + u16(0) + u16(0) + u16(0) + u16(0) + u32(crc)
            out += u32(UInt32(data.count)) + u32(UInt32(data.count)) + u16(nameBytes.count) + u16(0) + nameBytes + data
            central += u32(0x0201_4B50) + u16(20) + u16(20) + u16(0) + u16(0) + u16(0) + u16(0) + u32(crc)
            central += u32(UInt32(data.count)) + u32(UInt32(data.count)) + u16(nameBytes.count) + u16(0) + u16(0)
            central += u16(0) + u16(0) + u32(0) + u32(UInt32(offset)) + nameBytes
        }
        let start = out.count
        out += central
        out += u32(0x0605_4B50) + u16(0) + u16(0) + u16(files.count) + u16(files.count)
        out += u32(UInt32(central.count)) + u32(UInt32(start)) + u16(0)
        return out
    }

    static func sheet(_ rows: String) -> [UInt8] {
        storedZip([
            (
                "xl/worksheets/sheet1.xml",
                "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>\(rows)</sheetData></worksheet>"
            )
        ])
    }

    @Test("hostile sheets: a row number past Int's range, a cell in column XFD a million times, a negative repeat")
    func hostileSheets() throws {
        // Row numbers stay a spreadsheet's; cells stay readable.
        let huge = try Workbook.rows(
            .xlsx,
            Self.sheet(
                #"<row r="9223372036854775807"><c r="A9223372036854775807" t="inlineStr"><is><t>x</t></is></c></row><row><c t="inlineStr"><is><t>y</t></is></c></row>"#
            ))
        #expect(huge.map(\.number) == [1_048_576, 1_048_576])
        #expect(huge.map(\.cells) == [["x"], ["y"]])
        // A few bytes claiming column XFD on row after row: refused as too large, not unpacked into gigabytes.
        let far = String(repeating: #"<row><c r="XFD1"><v>1</v></c></row>"#, count: 400)
        #expect(throws: Workbook.Failure.tooLarge("feuille")) { try Workbook.rows(.xlsx, Self.sheet(far)) }
        // A time alone, in a cell whose style is a time: « 18:30 », not 30 December 1899.
        #expect(Workbook.dateText(serial: "0.770833333333333", base1904: false) == "18:30")
        #expect(Workbook.dateText(serial: "0.770833333333333", base1904: true) == "18:30")
        // An .ods space count below zero is no space at all.
        let ods = Self.storedZip([
            ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
            (
                "content.xml",
                #"<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet><table:table><table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="-1"/>b</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#
            ),
        ])
        #expect(Workbook.kind(of: ods) == .ods)
        #expect(try Workbook.rows(.ods, ods).map(\.cells) == [["ab"]])
    }
}
