/// A database whose published tables another tool created with an older schema (a `distribution` table
/// without `duty_needed`) is adopted: the columns it lacks are added with their defaults, and the view and
/// indexes created. Nothing is dropped or rewritten.
extension Migrator {
    static let publishedTables = [
        "amap", "member", "producer", "contract", "subscription", "distribution", "delivery", "duty", "order_window",
        "order_line", "payment", "preference",
    ]

    /// Returns the columns added (`distribution.duty_needed`), empty when nothing was missing.
    @discardableResult
    public static func adopt(_ db: SQLiteConnection) throws -> [String] {
        // The expected columns, read from the published schema itself, created in a scratch database.
        let tables = PublishedSchema.sql.components(separatedBy: "CREATE VIEW").first ?? ""
        try db.execute("ATTACH DATABASE ':memory:' AS facteur_expected")
        defer { try? db.execute("DETACH DATABASE facteur_expected") }
        try db.execute(
            tables.replacingOccurrences(of: "CREATE TABLE IF NOT EXISTS ", with: "CREATE TABLE facteur_expected."))
        var missing: [(table: String, definition: String, name: String)] = []
        for table in publishedTables {
            // SQLite's column names ignore case: another tool's `Email` is our `email`.
            let existing = Set(
                try db.rows("SELECT name FROM pragma_table_info(?, 'main')", [table]).compactMap {
                    $0.text(0)?.lowercased()
                })
            guard !existing.isEmpty else { continue }  // absent: the migrations create it whole
            let expected = try db.rows(
                "SELECT name, type, \"notnull\", dflt_value FROM pragma_table_info(?, 'facteur_expected')", [table])
            for column in expected {
                guard let name = column.text(0), !existing.contains(name.lowercased()) else { continue }
                var definition = "\(name) \(column.text(1) ?? "")"
                if let fallback = column.text(3) {
                    // NOT NULL can only be added with a default; without one the column stays nullable and the
                    // schedule reader reports the rows that lack it.
                    definition += (column.int(2) == 1 ? " NOT NULL" : "") + " DEFAULT \(fallback)"
                }
                missing.append((table, definition, name))
            }
        }
        guard !missing.isEmpty else { return [] }
        try db.writeTransaction {
            for m in missing { try db.execute("ALTER TABLE main.\(m.table) ADD COLUMN \(m.definition)") }
            try db.execute(PublishedSchema.sql)
        }
        return missing.map { "\($0.table).\($0.name)" }
    }
}
