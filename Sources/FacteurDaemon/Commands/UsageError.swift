/// A command line that cannot be understood (exit 64).
public struct UsageError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message + " (see facteur --help)" }
}
