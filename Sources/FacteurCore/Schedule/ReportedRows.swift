/// The rows a reading of the network reported, each once: read a group of AMAPs at a time, a row the first group
/// reports for the network (an unusable amount) is found again by its own group, and a row read twice by one reading
/// (an order line near now and in an account's history) is found twice.
public struct ReportedRows: Sendable {
    public private(set) var all: [ScheduleIssue] = []
    private var seen = Set<ScheduleIssue>()

    public init() {}

    /// Keeps the issues not seen before, in their order, and returns them.
    @discardableResult
    public mutating func add(_ issues: [ScheduleIssue]) -> [ScheduleIssue] {
        let new = issues.filter { seen.insert($0).inserted }
        all += new
        return new
    }
}
