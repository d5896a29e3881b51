/// One `facteur` subcommand: parses its own arguments, runs, returns an exit code.
public protocol Command: Sendable {
    static var name: String { get }
    /// One line for `facteur --help`.
    static var summary: String { get }
    /// The command's own `--help`: usage, what it does, an example.
    static var help: String { get }
    init(arguments: inout Arguments) throws(UsageError)
    func run(_ context: CommandContext) async throws -> Int32
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
            logger.warning("config-unknown-key", ["file": configuration.file, "key": key])
        }
        return configuration
    }
}

/// sysexits(3) codes, as DESIGN §6 fixes them.
public enum ExitCode {
    public static let ok: Int32 = 0
    public static let usage: Int32 = 64
    public static let dataError: Int32 = 65
    public static let noInput: Int32 = 66
    public static let noUser: Int32 = 67
    public static let unavailable: Int32 = 69
    public static let software: Int32 = 70
    public static let tempFail: Int32 = 75
    public static let config: Int32 = 78
}
