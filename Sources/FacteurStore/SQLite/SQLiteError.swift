internal import CSQLite

/// A failed SQLite call: the result code, SQLite's message and what Facteur was doing. Bound values
/// (addresses, names) never appear here.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    public var code: Code
    public var message: String
    public var operation: String
    public var path: String?

    public init(code: Code, message: String, operation: String, path: String? = nil) {
        self.code = code
        self.message = message
        self.operation = operation
        self.path = path
    }

    init(code: Int32, message: String, operation: String, path: String? = nil) {
        self.init(code: Code(rawValue: code), message: message, operation: operation, path: path)
    }

    /// Another writer holds the database; try again later.
    public var isBusy: Bool { code.primary == .busy || code.primary == .locked }
    /// The database cannot take a write now (read-only, cannot be opened, disk full, I/O error).
    public var isUnwritable: Bool { [.readOnly, .cantOpen, .full, .ioError].contains(code.primary) }
    /// Going on is pointless (corrupt, disk full, not a database): the daemon stops and says so.
    public var isFatal: Bool { [.corrupt, .full, .notADatabase].contains(code.primary) }

    public var description: String {
        let place = path.map { " (\($0))" } ?? ""
        return "SQLite error \(code.rawValue) while \(operation)\(place): \(message)"
    }
}

extension SQLiteError {
    /// SQLite's result code: the primary code in the low byte, an extended code above it
    /// (`SQLITE_IOERR_FSYNC`…), with names for the ones Facteur decides on, as swift-system names `Errno`.
    public struct Code: RawRepresentable, Hashable, Sendable {
        public var rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }

        /// The primary code of an extended one (`SQLITE_BUSY_SNAPSHOT` → `SQLITE_BUSY`).
        public var primary: Code { Code(rawValue: rawValue & 0xFF) }

        public static let error = Code(rawValue: SQLITE_ERROR)
        public static let busy = Code(rawValue: SQLITE_BUSY)
        public static let locked = Code(rawValue: SQLITE_LOCKED)
        public static let readOnly = Code(rawValue: SQLITE_READONLY)
        public static let ioError = Code(rawValue: SQLITE_IOERR)
        public static let corrupt = Code(rawValue: SQLITE_CORRUPT)
        public static let full = Code(rawValue: SQLITE_FULL)
        public static let cantOpen = Code(rawValue: SQLITE_CANTOPEN)
        public static let constraint = Code(rawValue: SQLITE_CONSTRAINT)
        /// An insert that met a row with its id (an extended code: extended result codes are on). Swift does not
        /// import `SQLITE_CONSTRAINT_PRIMARYKEY`, a macro with an expression.
        public static let primaryKeyConstraint = Code(rawValue: SQLITE_CONSTRAINT | (6 << 8))
        public static let notADatabase = Code(rawValue: SQLITE_NOTADB)
    }
}
