/// What an import did, row by row in total.
public struct ImportReport: Sendable, Equatable, CustomStringConvertible {
    public var table: String
    public var added = 0
    public var updated = 0
    public var unchanged = 0
    /// What was taken differently from the file, line by line (a decimal quantity, a partner imported).
    public var notes: [String] = []

    public init(table: String) { self.table = table }

    public var description: String {
        "\(table): \(added) added, \(updated) updated, \(unchanged) unchanged"
    }
}
