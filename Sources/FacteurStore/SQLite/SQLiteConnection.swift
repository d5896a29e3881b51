internal import CSQLite

#if canImport(Glibc)
    import Glibc
#endif

/// Owns one `sqlite3` connection: WAL, `foreign_keys=ON` and a busy timeout, so another writer (the
/// management tool) makes Facteur wait rather than fail. Not Sendable: one owner at a time.
public final class SQLiteConnection {
    let handle: OpaquePointer
    public let path: String
    private var statements: [String: SQLiteStatement] = [:]
    private var transactionDepth = 0
    private var checkpointer: BackgroundCheckpointer?

    public enum Mode: Sendable {
        case readWrite
        case readOnly
    }

    /// `sqlite3_open_v2`. A read-only connection never creates the file.
    public init(path: String, mode: Mode = .readWrite, busyTimeoutMilliseconds: Int32 = 5000) throws(SQLiteError) {
        // A new database is created owner-only: it holds members' addresses, phones and payments. SQLite
        // gives its -wal and -shm files the database file's own mode.
        if mode == .readWrite {
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            if fd >= 0 { close(fd) }
        }
        _ = Self.configureSQLite
        var db: OpaquePointer?
        let flags =
            (mode == .readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
            | SQLITE_OPEN_NOMUTEX
        let rc = sqlite3_open_v2(path, &db, flags, nil)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let db { sqlite3_close_v2(db) }
            throw SQLiteError(code: rc, message: message, operation: "opening the database", path: path)
        }
        self.handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, busyTimeoutMilliseconds)
        if mode == .readWrite {
            try execute("PRAGMA journal_mode=WAL")
            try execute("PRAGMA synchronous=NORMAL")
        }
        try execute("PRAGMA foreign_keys=ON")
    }

    /// SQLite's process-wide settings, before its first connection. Its memory statistics (which Facteur never
    /// reads) took a mutex shared by every connection at each allocation: the writer, the reader of the next group
    /// and the checkpointer queued on it, the writer's most frequent reason to sleep in a cold start (issue 15).
    private static let configureSQLite: Void = { _ = csqlite_disable_memory_statistics() }()

    deinit {
        statements.removeAll()
        if let checkpointer {
            sqlite3_wal_hook(handle, nil, nil)
            checkpointer.stop()
            // The daemon's writer empties the log as it goes: SQLite removes it only when the last connection to
            // close can write, and the read-only reader may close after. Left whole, the next process would read
            // it all before its first query (25 ms for a quick network's week). A reader still inside a
            // transaction (another process) is not waited for long: the log is then emptied by the next writer.
            sqlite3_busy_timeout(handle, 100)
            _ = sqlite3_wal_checkpoint_v2(handle, "main", SQLITE_CHECKPOINT_TRUNCATE, nil, nil)
        }
        sqlite3_close_v2(handle)
    }

    /// Checkpoints run by the background thread so far (for tests).
    var backgroundCheckpoints: Int { checkpointer?.completed.load(ordering: .relaxed) ?? 0 }

    /// Checkpoints the write-ahead log from another thread instead of in this connection's commits (see
    /// `BackgroundCheckpointer`): for the daemon's writer, which queues and sends while it runs.
    public func checkpointInBackground() throws(SQLiteError) {
        guard checkpointer == nil else { return }
        let checkpointer = try BackgroundCheckpointer(path: path)
        self.checkpointer = checkpointer
        sqlite3_wal_hook(handle, backgroundCheckpointHook, Unmanaged.passUnretained(checkpointer).toOpaque())
    }

    func error(_ rc: Int32, _ operation: String) -> SQLiteError {
        SQLiteError(code: rc, message: String(cString: sqlite3_errmsg(handle)), operation: operation, path: path)
    }

    /// Runs one or more statements without parameters (`sqlite3_exec`).
    public func execute(_ sql: String) throws(SQLiteError) {
        var message: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &message)
        if rc != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            throw SQLiteError(
                code: rc, message: text, operation: "running “\(SQLiteStatement.summary(sql))”", path: path)
        }
    }

    /// A cached prepared statement: hot queries are prepared once per connection.
    func statement(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        if let cached = statements[sql] { return cached }
        let statement = try SQLiteStatement(connection: self, sql: sql)
        statements[sql] = statement
        return statement
    }

    /// Runs a statement that returns no rows; returns the number of rows changed.
    @discardableResult
    public func run(_ sql: String, _ values: [SQLBindable] = []) throws(SQLiteError) -> Int {
        try run(sql, values: values.map(\.sqlValue))
    }

    /// `run` with values already made (see `OutboxEntry.values`).
    @discardableResult
    func run(_ sql: String, values: [SQLValue]) throws(SQLiteError) -> Int {
        let statement = try statement(sql)
        try statement.bind(values)
        defer { statement.reset() }
        while try statement.step() {}
        return Int(sqlite3_changes(handle))
    }

    /// All rows of a query.
    public func rows(_ sql: String, _ values: [SQLBindable] = []) throws(SQLiteError) -> [Row] {
        var result: [Row] = []
        try forEachRow(sql, values) { result.append($0.copied) }
        return result
    }

    /// Streams rows without collecting them.
    public func forEachRow(
        _ sql: String, _ values: [SQLBindable] = [], _ body: (borrowing StatementRow) throws -> Void
    ) throws(SQLiteError) {
        let statement = try statement(sql)
        try statement.bind(values.map(\.sqlValue))
        defer { statement.reset() }
        while try statement.step() {
            let row = StatementRow(statement: statement)
            do { try body(row) } catch let e as SQLiteError { throw e } catch {
                throw SQLiteError(code: .error, message: "\(error)", operation: "reading rows", path: path)
            }
        }
    }

    public func firstRow(_ sql: String, _ values: [SQLBindable] = []) throws(SQLiteError) -> Row? {
        var first: Row?
        let statement = try statement(sql)
        try statement.bind(values.map(\.sqlValue))
        defer { statement.reset() }
        if try statement.step() {
            first = StatementRow(statement: statement).copied
        }
        return first
    }

    /// Makes every commit so far durable (`csqlite_sync_journal`: fsync of the write-ahead log). Commits
    /// run with `synchronous=NORMAL`, which survives a crash but not a power loss; whatever is acknowledged
    /// to someone else (a message taken from the MTA, an IMAP `\Seen`, a batch of sends) is synced first.
    public func syncToDisk() throws(SQLiteError) {
        let rc = csqlite_sync_journal(handle)
        guard rc == SQLITE_OK else { throw error(rc, "syncing the write-ahead log to disk") }
    }

    public var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// `BEGIN IMMEDIATE` … `COMMIT`: writers take the lock up front, so a busy database fails at the
    /// start (and waits out the busy timeout) rather than half-way.
    @discardableResult
    /// Nested calls become savepoints, so a step that writes in a transaction can run inside a larger one.
    public func writeTransaction<T>(_ body: () throws -> T) throws -> T {
        let savepoint = transactionDepth > 0 ? "facteur_\(transactionDepth)" : nil
        try execute(savepoint.map { "SAVEPOINT \($0)" } ?? "BEGIN IMMEDIATE")
        transactionDepth += 1
        defer { transactionDepth -= 1 }
        do {
            let value = try body()
            try execute(savepoint.map { "RELEASE \($0)" } ?? "COMMIT")
            return value
        } catch {
            if let savepoint {
                try? execute("ROLLBACK TO \(savepoint); RELEASE \(savepoint)")
            } else {
                try? execute("ROLLBACK")
            }
            throw error
        }
    }

    /// A consistent snapshot for reads spanning several queries.
    public func readTransaction<T>(_ body: () throws -> T) throws -> T {
        guard transactionDepth == 0 else { return try body() }
        try execute("BEGIN DEFERRED")
        transactionDepth += 1
        defer {
            transactionDepth -= 1
            try? execute("COMMIT")
        }
        return try body()
    }
}

@available(*, unavailable)
extension SQLiteConnection: Sendable {}
