import FacteurStore
import TestSupport

/// A store migrated to the latest schema in `dir`, and its file's path (for a second connection, as another tool).
func migratedStore(in dir: TemporaryDirectory) async throws -> (store: Store, path: String) {
    let path = dir.path("db.sqlite")
    let store = try Store(path: path)
    try await store.migrate()
    return (store, path)
}
