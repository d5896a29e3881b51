/// A failed SQLite call: the result code, SQLite's message and what Facteur was doing. Bound values
/// (addresses, names) never appear here.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    public var code: Int32
    public var message: String
    public var operation: String
    public var path: String?

    public init(code: Int32, message: String, operation: String, path: String? = nil) {
        self.code = code
        self.message = message
        self.operation = operation
        self.path = path
    }

    /// SQLITE_BUSY or SQLITE_LOCKED: another writer holds the database; try again later.
    public var isBusy: Bool { code & 0xFF == 5 || code & 0xFF == 6 }
    /// SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_FULL, SQLITE_IOERR: the database cannot take a write now.
    public var isUnwritable: Bool { [8, 14, 13, 10].contains(code & 0xFF) }
    /// SQLITE_CORRUPT, SQLITE_FULL, SQLITE_NOTADB: going on is pointless; the daemon stops and says so.
    public var isFatal: Bool { [11, 13, 26].contains(code & 0xFF) }

    public var description: String {
        let place = path.map { " (\($0))" } ?? ""
        return "SQLite error \(code) while \(operation)\(place): \(message)"
    }
}
