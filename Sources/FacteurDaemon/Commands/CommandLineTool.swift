import FacteurCore
import FacteurMail
import FacteurStore
import FacteurTransport
import Foundation

/// Parses argv, runs the command, and maps every error to its sysexits code in one place.
public enum CommandLineTool {
    public static let commands: [any Command.Type] = [
        InitCommand.self, RunCommand.self, OnceCommand.self, PreviewCommand.self, StatusCommand.self,
        CheckCommand.self, RelayCommand.self, SendTestCommand.self, ImportCommand.self,
        PublishCommand.self, ForgetCommand.self, CGICommand.self, ResumeCommand.self,
    ]

    public static var help: String {
        var text = """
            facteur — the mail daemon of an AMAP: announces distributions, calls for volunteers, tells members
            of changes and cancellations, opens and reminds order windows, sends producers their orders, warns of
            negative balances, relays producers' news, and mails coordinators a daily digest — through a durable
            outbox and your SMTP server.

            usage: facteur <command> [--config FILE] [options]
                   facteur <command> --help
                   facteur --version

            commands:

            """
        for command in commands {
            text += "  " + command.name.padding(toLength: 11, withPad: " ", startingAt: 0) + command.summary + "\n"
        }
        text += """

            The configuration file may also be given as FACTEUR_CONFIG; without either, /etc/facteur/facteur.json
            is read when it exists. Exit codes follow sysexits: 0 ok,
            64 usage, 65 bad data, 66 no input, 67 unknown relay address, 69 service unavailable,
            73 an output file or folder cannot be written, 75 temporary failure, 78 configuration error.

            getting started:
              facteur init --config /etc/facteur/facteur.json
              facteur import members adherents.csv --config /etc/facteur/facteur.json
              facteur check --config /etc/facteur/facteur.json
              facteur preview --days 7 --config /etc/facteur/facteur.json
              facteur run --config /etc/facteur/facteur.json      (or: systemctl start facteur)

            example: facteur once --config Config/facteur.example.json --now "2026-11-24 18:30"
            """
        return text
    }

    public static func main(_ argv: [String], environment: [String: String]) async -> Int32 {
        let logger = Logger()
        if WallClock.isShifted {
            logger.warning(
                "clock-shifted-for-tests",
                ["variable": WallClock.offsetVariable, "offset_seconds": "\(Int64(WallClock.offset))"])
        }
        let output: @Sendable (String) -> Void = { print($0) }
        var words = Array(argv.dropFirst())
        // `--config FILE` may come before the command too: `facteur --config F once`.
        var leading: [String] = []
        while let first = words.first, first.hasPrefix("--config") {
            leading.append(words.removeFirst())
            if first == "--config", !words.isEmpty { leading.append(words.removeFirst()) }
        }
        if words == ["--version"] || words == ["-V"] {
            print("facteur \(version)")
            return ExitCode.ok.rawValue
        }
        guard let name = words.first, !name.hasPrefix("-") else {
            if words.contains("--help") || words.contains("-h") || words.isEmpty {
                print(help)
                return (words.contains("--help") || words.contains("-h") ? ExitCode.ok : ExitCode.usage).rawValue
            }
            return fail(UsageError("unknown option “\(words[0])”"))
        }
        words.removeFirst()
        words = leading + words
        guard let type = commands.first(where: { $0.name == name }) else {
            return fail(UsageError("unknown command “\(name)”"))
        }
        if words.contains("--help") || words.contains("-h") {
            print(type.help)
            return ExitCode.ok.rawValue
        }
        do {
            var arguments = Arguments(words)
            // As a Debian daemon: /etc/facteur/facteur.json when neither --config nor FACTEUR_CONFIG says.
            let configPath =
                try arguments.option("--config") ?? environment["FACTEUR_CONFIG"]
                ?? (FileManager.default.fileExists(atPath: defaultConfigPath) ? defaultConfigPath : nil)
            let command = try type.init(arguments: &arguments)
            try arguments.finish()
            guard let configPath else {
                throw UsageError("--config FILE is required (or FACTEUR_CONFIG, or /etc/facteur/facteur.json)")
            }
            let context = CommandContext(configPath: configPath, logger: logger, output: output)
            try await command.run(context)
            return ExitCode.ok.rawValue
        } catch {
            return fail(error)
        }
    }

    /// Says what failed on standard error (unless the command already told the user) and returns its code.
    /// `facteur --version`.
    public static let version = "0.9.0"
    public static let defaultConfigPath = "/etc/facteur/facteur.json"

    static func fail(_ error: Error) -> Int32 {
        if !(error is CommandFailure) { FileHandle.standardError.write(Data("facteur: \(error)\n".utf8)) }
        return exitCode(for: error).rawValue
    }

    /// The one place errors become exit codes.
    static func exitCode(for error: Error) -> ExitCode {
        switch error {
        case let failure as CommandFailure:
            switch failure {
            case .databaseMissing, .noInput: return .noInput
            case .schemaOutdated, .invalidAddress, .importRejected, .unparseableMessage, .planningFailed:
                return .dataError
            case .smtpUnavailable: return .unavailable
            case .smtpDeferred, .notStored: return .tempFail
            case .invalidConfiguredAddress: return .config
            case .unknownRecipient: return .noUser
            }
        case is UsageError: return .usage
        case is ConfigError, is TemplateError: return .config
        case is Migrator.MigrationError: return .dataError
        case let e as SQLiteError:
            if e.isBusy { return .tempFail }
            if e.code.primary == .cantOpen { return .noInput }
            if e.isUnwritable { return .tempFail }
            return .dataError
        case is CurlError: return .unavailable
        // A lock held is a wait; a lock that cannot be made because the database's folder is missing is no input.
        case SenderLock.LockError.unusable(_, let code) where code == ENOENT || code == ENOTDIR: return .noInput
        case is SenderLock.LockError: return .tempFail
        case is OutputUnwritable, is PrivateFile.WriteError: return .cantCreate
        case is RelayDesk.ModerationError, is ImportFailure: return .dataError
        case let e as CocoaError where e.code == .fileNoSuchFile || e.code == .fileReadNoSuchFile:
            return .noInput
        default: return .software
        }
    }
}
