/// A configuration that cannot be used: names the file and the key path at fault (exit 78).
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var key: String?
    public var problem: String

    public init(file: String, key: String? = nil, problem: String) {
        self.file = file
        self.key = key
        self.problem = problem
    }

    public var description: String {
        if let key { return "\(file): \(key): \(problem)" }
        return "\(file): \(problem)"
    }
}
