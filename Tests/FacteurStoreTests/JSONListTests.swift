import Foundation
import TestSupport
import Testing

@testable import FacteurStore

/// The list bound to `json_each(?)` must read back, in SQLite, as exactly the strings given, whatever they hold.
@Suite struct JSONListTests {
    @Test("SQLite's json_each reads back every string, quotes, backslashes and control characters included")
    func readsBack() throws {
        let dir = TemporaryDirectory()
        let db = try SQLiteConnection(path: dir.path("list.sqlite"))
        let lists: [[String]] = [
            [], [""], ["d42", "b3-7", "s12-20261203", "sample"], ["a\"b", "c\\d", "\\\"", "l'école", "é👩‍🌾"],
            ["\n\t\r", "\u{01}\u{1F}\u{7F}", "]", "\",\"", "\u{2028}"],
        ]
        for list in lists {
            let text = JSONList.strings(list)
            let read = try db.rows("SELECT value FROM json_each(?) ORDER BY key", [text]).map { $0.text(0) }
            #expect(read == list.map { Optional($0) }, "\(text)")
            let decoded = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String]
            #expect(decoded == list)
        }
    }
}
