/// One `facteur` subcommand: parses its own arguments and runs; a failure is thrown, and
/// `CommandLineTool.exitCode(for:)` alone turns it into an exit code.
public protocol Command: Sendable {
    static var name: String { get }
    /// One line for `facteur --help`.
    static var summary: String { get }
    /// The command's own `--help`: usage, what it does, an example.
    static var help: String { get }
    init(arguments: inout Arguments) throws(UsageError)
    func run(_ context: CommandContext) async throws
}

/// What every command gets: the configuration path, a logger, and where to print results.
public struct CommandContext: Sendable {
    public var configPath: String
    public var logger: Logger
    public var output: @Sendable (String) -> Void

    public init(configPath: String, logger: Logger, output: @escaping @Sendable (String) -> Void) {
        self.configPath = configPath
        self.logger = logger
        self.output = output
    }

    public func configuration() throws -> Configuration {
        let configuration = try Configuration.load(path: configPath)
        for key in configuration.unknownKeys {
            logger.warning(
                "config-unknown-key",
                ["file": configuration.file, "key": key, "did_you_mean": configuration.keySuggestions[key] ?? ""])
        }
        return configuration
    }
}

/// sysexits(3) codes, as DESIGN §6 fixes them: chosen only in `CommandLineTool.exitCode(for:)`.
public enum ExitCode: Int32, Sendable, CaseIterable {
    case ok = 0
    case usage = 64
    case dataError = 65
    case noInput = 66
    case noUser = 67
    case unavailable = 69
    case software = 70
    /// An output file or folder cannot be written (`publish --out`, `status --html`).
    case cantCreate = 73
    case tempFail = 75
    case config = 78
}
