/// Creates or upgrades the database (`facteur init`, and every start). Idempotent.
public enum Migrator {
    public enum MigrationError: Error, CustomStringConvertible {
        case newerSchema(found: Int, known: Int, path: String)

        public var description: String {
            switch self {
            case .newerSchema(let found, let known, let path):
                return "\(path): schema version \(found) is newer than this Facteur knows (\(known)); "
                    + "upgrade Facteur before using this database"
            }
        }
    }

    public static var latestVersion: Int { Migrations.latest }

    /// The schema version recorded in the database (0 for a database Facteur never touched).
    public static func version(of db: SQLiteConnection) throws -> Int {
        let exists = try db.firstRow("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'facteur_meta'")
        guard exists != nil else { return 0 }
        return try db.firstRow("SELECT value FROM facteur_meta WHERE key = 'schema_version'")?.int(0) ?? 0
    }

    /// Applies the migrations the database lacks; returns how many ran.
    @discardableResult
    public static func migrate(_ db: SQLiteConnection) throws -> Int {
        // A read first: an up-to-date database needs no write lock, so start-up does not wait for
        // another writer (the management tool) without need.
        if try version(of: db) == latestVersion {
            try restoreNamedIndexes(db)
            return 0
        }
        return try db.writeTransaction {
            try db.execute("CREATE TABLE IF NOT EXISTS facteur_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            let current = try version(of: db)
            guard current <= latestVersion else {
                throw MigrationError.newerSchema(found: current, known: latestVersion, path: db.path)
            }
            var applied = 0
            for migration in Migrations.all where migration.version > current {
                try db.execute(migration.sql)
                try db.run(
                    "INSERT INTO facteur_meta (key, value) VALUES ('schema_version', ?) "
                        + "ON CONFLICT (key) DO UPDATE SET value = excluded.value", [String(migration.version)])
                applied += 1
            }
            return applied
        }
    }

    /// Makes again the indexes that queries name, if someone dropped one (`DaemonSchema.indexesNamedByQueries`):
    /// a read when all are there, as they are but for a hand's slip.
    static func restoreNamedIndexes(_ db: SQLiteConnection) throws {
        let wanted = DaemonSchema.indexesNamedByQueries
        var present = Set<String>()
        try db.forEachRow(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND name IN (SELECT value FROM json_each(?))",
            [JSONList.strings(wanted.map(\.name))]
        ) { row in
            if let name = row.text(0) { present.insert(name) }
        }
        let missing = wanted.filter { !present.contains($0.name) }
        guard !missing.isEmpty else { return }
        try db.writeTransaction {
            for index in missing { try db.execute(index.sql) }
        }
    }

    /// For commands that must not write: refuses a database that is missing tables or too new.
    public static func requireCurrent(_ db: SQLiteConnection) throws {
        let current = try version(of: db)
        if current > latestVersion {
            throw MigrationError.newerSchema(found: current, known: latestVersion, path: db.path)
        }
    }
}
