import FacteurCore
import Foundation

/// The members of an AMAP as an import looks them up (by address, by name, by a name's words in any order),
/// read once per AMAP and kept current as the import writes, so that a file's time grows with its rows: when
/// each row scanned the AMAP's members, 5,000 members took 8.6 s to import and 20,000 more than two minutes.
/// Names and addresses compare without case and surrounding spaces, as the SQL lookups they replace did.
struct ImportMemberDirectory {
    private struct Key: Hashable {
        var amap: Int64
        var text: String
    }

    private struct Entry {
        var amap: Int64
        var name: String
        var email: String?
        var active: Bool
    }

    private var loaded: Set<Int64> = []
    private var entries: [Int64: Entry] = [:]
    private var byEmail: [Key: Set<Int64>] = [:]
    private var byName: [Key: Set<Int64>] = [:]
    private var byWords: [Key: Set<Int64>] = [:]

    /// The members with this address, in id order.
    mutating func withEmail(_ email: String, amap: Int64, db: SQLiteConnection) throws -> [Int64] {
        try load(amap, db)
        return (byEmail[Key(amap: amap, text: Self.fold(email))] ?? []).sorted()
    }

    /// The members with exactly this name (case and surrounding spaces aside), in id order.
    mutating func named(_ name: String, amap: Int64, db: SQLiteConnection) throws -> [Int64] {
        try load(amap, db)
        return (byName[Key(amap: amap, text: Self.fold(name))] ?? []).sorted()
    }

    /// The members whose name has the same words, in any order, case and accents aside ("DUPONT Camille").
    mutating func sameWords(_ name: String, amap: Int64, db: SQLiteConnection) throws -> [Int64] {
        try load(amap, db)
        // A name with no Latin letter (« Иван Петров », « 王芳 ») has no words to compare: only its exact spelling.
        let words = PersonName.key(name)
        return words.isEmpty ? [] : (byWords[Key(amap: amap, text: words)] ?? []).sorted()
    }

    func hasEmail(_ id: Int64) -> Bool { entries[id]?.email.map { !$0.isEmpty } ?? false }
    func isActive(_ id: Int64) -> Bool { entries[id]?.active ?? false }
    func email(_ id: Int64) -> String? { entries[id]?.email }

    /// Reads a member again after the import wrote it.
    mutating func refresh(_ id: Int64, db: SQLiteConnection) throws {
        remove(id)
        guard let row = try db.firstRow("SELECT amap_id, name, email, active != 0 FROM member WHERE id = ?", [id]),
            let amap = row.int64(0), loaded.contains(amap)
        else { return }
        add(id, Entry(amap: amap, name: row.text(1) ?? "", email: row.text(2), active: row.int64(3) != 0))
    }

    private mutating func load(_ amap: Int64, _ db: SQLiteConnection) throws {
        guard loaded.insert(amap).inserted else { return }
        for row in try db.rows("SELECT id, name, email, active != 0 FROM member WHERE amap_id = ?", [amap]) {
            guard let id = row.int64(0) else { continue }
            add(id, Entry(amap: amap, name: row.text(1) ?? "", email: row.text(2), active: row.int64(3) != 0))
        }
    }

    private mutating func add(_ id: Int64, _ entry: Entry) {
        entries[id] = entry
        if let email = entry.email { byEmail[Key(amap: entry.amap, text: Self.fold(email)), default: []].insert(id) }
        byName[Key(amap: entry.amap, text: Self.fold(entry.name)), default: []].insert(id)
        byWords[Key(amap: entry.amap, text: PersonName.key(entry.name)), default: []].insert(id)
    }

    private mutating func remove(_ id: Int64) {
        guard let entry = entries.removeValue(forKey: id) else { return }
        if let email = entry.email { byEmail[Key(amap: entry.amap, text: Self.fold(email))]?.remove(id) }
        byName[Key(amap: entry.amap, text: Self.fold(entry.name))]?.remove(id)
        byWords[Key(amap: entry.amap, text: PersonName.key(entry.name))]?.remove(id)
    }

    private static func fold(_ text: String) -> String { text.trimmingCharacters(in: .whitespaces).lowercased() }
}
