/// A row the planner could not use. It is skipped, logged and reported to the coordinator; the rest goes on.
public struct ScheduleIssue: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var table: String
    public var rowID: String
    public var amapID: Int64?
    public var problem: String

    public init(table: String, rowID: String, amapID: Int64? = nil, problem: String) {
        self.table = table
        self.rowID = rowID
        self.amapID = amapID
        self.problem = problem
    }

    public var description: String { "\(table) row \(rowID): \(problem)" }
}
