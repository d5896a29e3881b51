/// A row the planner could not use. It is skipped, logged and reported to the coordinator; the rest goes on.
public struct ScheduleIssue: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var table: String
    public var rowID: String
    public var amapID: Int64?
    /// Said in the AMAP's language where a person reads it (the digest, `status`, `check`, the log).
    public var problem: BilingualText

    public init(table: String, rowID: String, amapID: Int64? = nil, problem: BilingualText) {
        self.table = table
        self.rowID = rowID
        self.amapID = amapID
        self.problem = problem
    }

    /// `distribution/43 : le lieu (place) est vide` / `distribution/43: place is empty`.
    public func text(_ language: Language) -> String {
        language == .fr ? "\(table)/\(rowID) : \(problem.fr)" : "\(table)/\(rowID): \(problem.en)"
    }

    public var description: String { text(.fr) }
}
