import Foundation
import Testing

@testable import FacteurCore

/// The .xlsx/.ods reader's parts against what real software writes: Python's zlib at three strategies for
/// DEFLATE, and hostile bytes that must end in an error, never a trap.
@Suite struct WorkbookTests {
    /// Raw DEFLATE of `text` by zlib (level, strategy), through python3.
    func zlibDeflate(_ text: [UInt8], level: Int, strategy: String) throws -> [UInt8] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [
            "-c",
            "import sys, zlib; c = zlib.compressobj(\(level), zlib.DEFLATED, -15, 9, zlib.\(strategy)); "
                + "d = sys.stdin.buffer.read(); sys.stdout.buffer.write(c.compress(d) + c.flush())",
        ]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
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
}
