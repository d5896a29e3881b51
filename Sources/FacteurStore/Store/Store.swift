import FacteurCore
import FacteurSystem
import Foundation

/// The single owner of the database connection. Its own executor keeps blocking SQLite calls (busy
/// waits included) off the cooperative thread pool. Only plain values go in and out.
public actor Store {
    /// The serial queue the store runs on; the daemon's SMTP transport shares it (see `OutboxSender`).
    public nonisolated let executor: DispatchQueueExecutor
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    private let db: SQLiteConnection
    public nonisolated let path: String

    public init(path: String, mode: SQLiteConnection.Mode = .readWrite) throws {
        executor = DispatchQueueExecutor(label: "facteur.store")
        db = try SQLiteConnection(path: path, mode: mode)
        self.path = path
    }

    /// See `SQLiteConnection.checkpointInBackground`.
    public func checkpointInBackground() throws { try db.checkpointInBackground() }

    @discardableResult
    public func migrate() throws -> Int { try Migrator.migrate(db) }

    /// See `Migrator.adopt`: the published columns another tool's older schema lacks, added.
    @discardableResult
    public func adoptPublishedTables() throws -> [String] { try Migrator.adopt(db) }

    public func schemaVersion() throws -> Int { try Migrator.version(of: db) }

    /// `PRAGMA data_version`: changes whenever another connection commits (the management tool, a
    /// `relay receive`), never for this connection's own writes. Equal values mean the schedule is as it was.
    public func dataVersion() throws -> Int64 { try db.firstRow("PRAGMA data_version")?.int64(0) ?? 0 }

    public func requireCurrentSchema() throws { try Migrator.requireCurrent(db) }

    /// The secret that signs tokens (migration 10 creates it); nil for a database never migrated.
    public func tokenSecret() throws -> [UInt8]? {
        guard let hex = try db.firstRow("SELECT value FROM facteur_meta WHERE key = 'token_secret'")?.text(0),
            let bytes = Hex.decode(hex), bytes.count == 32
        else { return nil }
        return bytes
    }

    /// Everything committed so far survives a power loss once this returns (see `SQLiteConnection.syncToDisk`).
    public func syncToDisk() throws { try db.syncToDisk() }

    /// Reads in one snapshot: every query inside sees the same committed state.
    @discardableResult
    public func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        try db.readTransaction { try body(Database(db)) }
    }

    /// Writes in one transaction (`BEGIN IMMEDIATE`, a savepoint when nested): all of it is stored, or none.
    @discardableResult
    public func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        try db.writeTransaction { try body(Database(db)) }
    }

    /// For work that manages its own transactions because part of it cannot run inside one (`VACUUM`, a WAL
    /// checkpoint, `PRAGMA secure_delete`): forgetting a member, the retention purge. Also for a step that is one
    /// transaction of its own (the outbox's `enqueue`, the sender's journal steps): inside `write`'s it would be a
    /// savepoint, under which SQLite journals each statement's pages to a temporary file (issue 15).
    @discardableResult
    public func writeWithoutTransaction<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        try body(Database(db))
    }
}
