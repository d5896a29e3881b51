import FacteurStore
import Foundation

/// `facteur init`: creates or migrates the database. Idempotent.
public struct InitCommand: Command {
    public static let name = "init"
    public static let summary = "create or migrate the database (idempotent)"
    public static let help = """
        usage: facteur init --config FILE

        Creates every table of the published schema, the balance view and Facteur's own facteur_ tables
        in WAL mode, or applies the migrations an older database lacks. Rows are never touched; running it
        again changes nothing.

        example: facteur init --config /etc/facteur/facteur.json
        """

    public init(arguments: inout Arguments) throws(UsageError) {}

    public func run(_ context: CommandContext) async throws {
        let configuration = try context.configuration()
        // The database's folder (/var/lib/facteur on a fresh Debian) is created, private, rather than failing.
        let folder = URL(fileURLWithPath: configuration.database).deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
                context.output("\(folder): created (mode 750)")
            } catch {
                throw ConfigError(
                    file: configuration.file, key: "database",
                    problem: "its folder \(folder) does not exist and cannot be created (\(error.localizedDescription))"
                )
            }
        }
        let store = try Store(path: configuration.database)
        for column in try await store.adoptPublishedTables() {
            context.output("\(configuration.database): column \(column) added (the table was created by another tool)")
        }
        let applied = try await store.migrate()
        let version = try await store.schemaVersion()
        context.output("\(configuration.database): schema version \(version) (\(applied) migration(s) applied)")
        return
    }
}
