import FacteurCore
import Foundation
import Testing

/// Cells as French spreadsheets write them.
@Suite struct SpreadsheetValuesTests {
    @Test("amounts: decimal comma, euro sign, thousands separators, minus signs")
    func amounts() {
        #expect(SpreadsheetValues.cents("12,50") == 1250)
        #expect(SpreadsheetValues.cents("12,50 €") == 1250)
        #expect(SpreadsheetValues.cents("€12.50") == 1250)
        #expect(SpreadsheetValues.cents("1 234,5") == 123_450)
        #expect(SpreadsheetValues.cents("1\u{202F}234,50\u{00A0}€") == 123_450)
        #expect(SpreadsheetValues.cents("1.234,50") == 123_450)
        #expect(SpreadsheetValues.cents("1,234.50") == 123_450)
        #expect(SpreadsheetValues.cents("-5") == -500)
        #expect(SpreadsheetValues.cents("\u{2212}5,00 €") == -500)
        #expect(SpreadsheetValues.cents("12 EUR") == 1200)
        #expect(SpreadsheetValues.cents("douze") == nil)
        // One mark and three digits: a decimal to some, a thousands group to others. Refused, never read ×1000.
        #expect(SpreadsheetValues.cents("12,505") == nil)
        #expect(SpreadsheetValues.cents("2.400") == nil)
        // Refused with both readings offered: 4,125 € to the cent, or 4 125 €.
        #expect(SpreadsheetValues.ambiguousAmount("12,505").map { [$0.rounded, $0.thousands] } == ["12,51", "12505"])
        #expect(SpreadsheetValues.ambiguousAmount("4.125 €").map { [$0.rounded, $0.thousands] } == ["4,13", "4125"])
        #expect(SpreadsheetValues.ambiguousAmount("2.400").map { [$0.rounded, $0.thousands] } == ["2,40", "2400"])
        #expect(SpreadsheetValues.ambiguousAmount("-4,125 EUR").map { [$0.rounded, $0.thousands] } == ["-4,13", "-4125"])
        #expect(SpreadsheetValues.ambiguousAmount("0,125").map { [$0.rounded, $0.thousands] } == ["0,13", nil])
        // A fraction of a cent is no thousands group: `12,3456` was read as 123 456 €.
        #expect(SpreadsheetValues.cents("12,3456") == nil && SpreadsheetValues.cents("33.333333") == nil)
        #expect(SpreadsheetValues.ambiguousAmount("33.333333").map { [$0.rounded, $0.thousands] } == ["33,33", nil])
        #expect(SpreadsheetValues.cents("1.234.567") == 123_456_700)
        #expect(SpreadsheetValues.ambiguousAmount("12,50") == nil && SpreadsheetValues.ambiguousAmount("1 234,567") == nil)
        #expect(SpreadsheetValues.cents("1.234.567") == 123_456_700)
        #expect(SpreadsheetValues.cents("€") == nil)
    }

    @Test("dates and times: 26/11/2026, 26/11/26, ISO, 18h30, 18h, impossible dates refused")
    func dates() {
        #expect(SpreadsheetValues.date("26/11/2026")?.description == "2026-11-26")
        #expect(SpreadsheetValues.date("1/9/26")?.description == "2026-09-01")
        #expect(SpreadsheetValues.date("2026-11-26")?.description == "2026-11-26")
        #expect(SpreadsheetValues.date("31/02/2026") == nil)
        #expect(SpreadsheetValues.date("26/11") == nil)
        #expect(SpreadsheetValues.time("18h30") == 18 * 60 + 30)
        #expect(SpreadsheetValues.time("18h") == 18 * 60)
        #expect(SpreadsheetValues.time("08:05:00") == 8 * 60 + 5)
        #expect(SpreadsheetValues.time("25:00") == nil)
        #expect(SpreadsheetValues.dateTime("26/11/2026 18:30") == "2026-11-26 18:30")
        #expect(SpreadsheetValues.dateTime("26/11/2026 à 18h30") == "2026-11-26 18:30")
        #expect(SpreadsheetValues.dateTime("2026-11-26T18:30") == "2026-11-26 18:30")
        #expect(SpreadsheetValues.dateTime("2026-11-26T17:30:00Z") == "2026-11-26T17:30:00Z")
        #expect(SpreadsheetValues.dateTime("26/11/2026") == nil)
    }

    @Test("the separator is guessed from the header; quotes hold separators, quotes and line breaks")
    func parsing() throws {
        #expect(CSVParser.guessSeparator("Nom;Prénom;Courriel\n") == ";")
        #expect(CSVParser.guessSeparator("Nom,Prénom\n") == ",")
        #expect(CSVParser.guessSeparator("\"a;b\",c,d\n") == ",")
        // Title lines without separators above the header (AMAPJ, CAMAP's attendance sheets) do not decide.
        #expect(
            CSVParser.guessSeparator("AMAP des Lilas - Œufs\r\nProducteur : Éric\r\n\r\nNom,Téléphone,Contrat\r\n")
                == ",")
        #expect(CSVParser.guessSeparator("Extrait le 20/11/2026\n\nNom;Prénom;E mail\n") == ";")
        let records = try CSVParser(separator: ";").parse(
            "a;b\r\n\"x;y\";\"il dit \"\"oui\"\"\nsur deux lignes\"\r\n\r\nz;w")
        #expect(records.map(\.fields) == [["a", "b"], ["x;y", "il dit \"oui\"\nsur deux lignes"], ["z", "w"]])
        #expect(records.map(\.line) == [1, 2, 5])
        let trailing = try CSVParser(separator: ";").parse("a;b\r\nx;y\r\n;\r\n ; \r\n\r\n")
        #expect(trailing.map(\.fields) == [["a", "b"], ["x", "y"]], "rows of separators only are no rows")
        #expect(throws: CSVParser.ParseError.unterminatedQuote(line: 2)) {
            try CSVParser(separator: ";").parse("a\n\"b")
        }
        #expect(CSVText.decode([0x80, 0x20, 0x8C, 0x75, 0x66]).text == "€ Œuf")
        #expect(CSVText.decode([0xEF, 0xBB, 0xBF, 0x41]).text == "A")
        // A list pasted from two exports: « Bérard » in UTF-8 on line 2, « Léa » in Windows-1252 on line 3.
        let mixed = CSVText.decode(Array("Nom\nBérard\n".utf8) + [0x4C, 0xE9, 0x61, 0x0A, 0x4D, 0x61, 0xEB, 0x6C])
        #expect(mixed.text == "Nom\nBérard\nLéa\nMaël" && mixed.encoding == .mixed)
        #expect(mixed.windows1252Lines == [3, 4])
        // A Windows-1252 line that happens to be valid UTF-8 (« RENÉ » and a no-break space, C9 A0) is still
        // Windows-1252: what it would decode to (« ɠ ») is no European spreadsheet's text.
        let accidental = CSVText.decode(Array("Nom\nRen".utf8) + [0xE9, 0x0A, 0x52, 0x45, 0x4E, 0xC9, 0xA0])
        #expect(accidental.text == "Nom\nRené\nRENÉ\u{00A0}" && accidental.encoding == .windows1252)
        // Romanian and Vietnamese letters are European spreadsheet text: « Ștefan » in UTF-8 beside a Windows-1252 line.
        let romanian = CSVText.decode(Array("Nom\nȘtefan Popescu\n".utf8) + [0x4C, 0xE9, 0x61])
        #expect(romanian.text == "Nom\nȘtefan Popescu\nLéa" && romanian.windows1252Lines == [3])
        // A whole file in Windows-1252 is still just that.
        let legacy = CSVText.decode([0x4E, 0x6F, 0x6D, 0x0A, 0x4C, 0xE9, 0x61])
        #expect(legacy.text == "Nom\nLéa" && legacy.encoding == .windows1252 && legacy.windows1252Lines.isEmpty)
    }

    @Test("a cell that starts like a formula is written as text; a plain number stays a number")
    func formulaCells() {
        #expect(SpreadsheetCell.text("=1+1") == "'=1+1")
        #expect(SpreadsheetCell.text(" =1+1") == "' =1+1")
        #expect(SpreadsheetCell.text("\u{FF0D}1+1") == "'\u{FF0D}1+1")
        #expect(SpreadsheetCell.text("\u{2212}1+1") == "'\u{2212}1+1")
        #expect(SpreadsheetCell.text("-1+1|cmd") == "'-1+1|cmd")
        #expect(SpreadsheetCell.text("@SOMME(A1)") == "'@SOMME(A1)")
        #expect(SpreadsheetCell.text("-12,50") == "-12,50" && SpreadsheetCell.text("-1,5") == "-1,5")
        #expect(SpreadsheetCell.text("Pain; 1 kg") == "\"Pain; 1 kg\"")
    }
}
