import FacteurStore
import TestSupport

/// A store migrated to the latest schema in `dir`, and its file's path (for a second connection, as another tool).
func migratedStore(in dir: TemporaryDirectory) async throws -> (store: Store, path: String) {
    let path = dir.path("db.sqlite")
    let store = try Store(path: path)
    try await store.migrate()
    return (store, path)
}

extension SQLiteConnection {
    /// How SQLite reads `sql`: the details of `EXPLAIN QUERY PLAN`, one line per step.
    func queryPlan(_ sql: String) throws -> [String] {
        try rows("EXPLAIN QUERY PLAN " + sql).map { $0.text(3) ?? "" }
    }
}
