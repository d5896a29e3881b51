import FacteurCore
import FacteurMail
import FacteurStore
import FacteurTransport
import Foundation

/// `facteur check`: config, templates, database schema and SMTP reachability, each said plainly.
public struct CheckCommand: Command {
    public static let name = "check"
    public static let summary = "validate config, templates, database and SMTP reachability"
    public static let help = """
        usage: facteur check --config FILE [--offline] [--now T]

        Reads the configuration (unknown keys, secrets readable by others), parses and validates every
        template (file, line and variable at fault), checks the database schema and lists rows the planner
        would skip, then connects to the SMTP server (greeting, TLS, login) without sending. --offline skips
        the SMTP connection; --now T judges the schedule as it will be at T. Exits 0 when all is well, 78 for configuration or templates, 65 for the
        database, 69 when the SMTP server cannot be used.

        example: facteur check --config /etc/facteur/facteur.json
        """

    var offline: Bool
    var now: String?

    public init(arguments: inout Arguments) throws(UsageError) {
        offline = arguments.flag("--offline")
        now = try arguments.option("--now")
    }

    public func run(_ context: CommandContext) async throws {
        let configuration = try context.configuration()
        context.output("config: \(configuration.file) ok")
        for key in configuration.unknownKeys {
            context.output("config: warning: unknown key \(configuration.unknownKeyText(key))")
        }
        for warning in configuration.warnings { context.output("config: warning: \(warning)") }
        if configuration.relay.authservID == nil {
            context.output("config: warning: relay.authserv_id is unset: producers' From: cannot be verified")
        }
        // The configured language must be complete; every other set present is validated too, so a
        // coordinator switching `locale` finds no surprise.
        _ = try TemplateLoader.load(folder: configuration.templates, language: configuration.language)
        context.output("templates: \(configuration.templates)/\(configuration.language.rawValue) ok (in use)")
        for language in Language.allCases where language != configuration.language {
            let folder = URL(fileURLWithPath: configuration.templates).appendingPathComponent(language.rawValue)
            guard FileManager.default.fileExists(atPath: folder.path) else { continue }
            _ = try TemplateLoader.load(folder: configuration.templates, language: language)
            context.output("templates: \(folder.path) ok")
        }
        guard FileManager.default.fileExists(atPath: configuration.database) else {
            context.output("database: \(configuration.database) does not exist (run facteur init)")
            throw CommandFailure.databaseMissing
        }
        let store = try Store(path: configuration.database, mode: .readOnly)
        try await store.requireCurrentSchema()
        let version = try await store.schemaVersion()
        if version < Migrator.latestVersion {
            context.output("database: schema version \(version), \(Migrator.latestVersion) expected: run facteur init")
            throw CommandFailure.schemaOutdated
        }
        let now = try TimeArgument.now(now, timeZone: configuration.timeZone)
        // A group of AMAPs at a time, as the daemon plans, the network's accounts read once: a network's check then
        // holds a group's schedule and orders, not the whole network's (issue 15: 230 MB for 2,000 AMAPs' year).
        let (groups, network) = try await store.read { db in
            (
                try db.amapGroups(size: NoticePlanning.amapsPerGroup),
                try db.networkAccounts(balancesAt: .distantFuture, defaultTimeZone: configuration.timeZone)
            )
        }
        var reported = ReportedRows()
        for group in groups {
            let found = try await store.read { db in
                try db.readSchedule(
                    from: now.addingTimeInterval(-7 * 86_400), to: now.addingTimeInterval(60 * 86_400),
                    defaultTimeZone: configuration.timeZone, group: group, network: network
                ).issues
            }
            reported.add(found)
        }
        context.output("database: \(configuration.database) ok (schema version \(version))")
        for file in [configuration.database, configuration.database + "-wal", configuration.database + "-shm"]
        where PrivateFile.isReadableByOthers(file) {
            context.output(
                "database: warning: \(file) is readable by other users (members' addresses and payments): chmod o-rwx it"
            )
        }
        for issue in reported.all { context.output("database: warning: \(issue.text(configuration.language))") }
        if offline { return }
        let outcome = await SMTPTransport(settings: configuration.smtp).probe()
        switch outcome {
        case .accepted:
            context.output("smtp: \(configuration.smtp.url) reachable (libcurl \(CurlGlobal.version))")
            return
        case .unreachable(let d), .systemic(_, let d), .uncertain(let d):
            context.output("smtp: \(configuration.smtp.url): \(d)")
            throw CommandFailure.smtpUnavailable
        case .temporary(let c, let r), .permanent(let c, let r):
            context.output("smtp: \(configuration.smtp.url): \(c) \(r)")
            throw CommandFailure.smtpUnavailable
        case .invalidAddress(let a):
            context.output("smtp: invalid \(a)")
            throw CommandFailure.invalidConfiguredAddress
        }
    }
}
