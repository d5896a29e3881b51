import FacteurCore

/// A slice of the network planned on its own: the AMAPs whose id is in `lower..<upper`, with everything that
/// belongs to them. Planning a network of thousands of AMAPs a group at a time bounds memory by the group,
/// not the network (issue 15). The groups of `Database.amapGroups(size:)` cover every possible `amap_id` once:
/// the first is open below and also takes NULL, the last is open above and also takes text (SQLite orders
/// integers before text), so a row naming no usable AMAP is still read, and reported, exactly once.
public struct AmapGroup: Sendable, Equatable, CustomStringConvertible {
    public var lower: Int64?
    public var upper: Int64?

    public init(lower: Int64?, upper: Int64?) {
        self.lower = lower
        self.upper = upper
    }

    /// The whole network in one group.
    public static let all = AmapGroup(lower: nil, upper: nil)

    /// The group that also reads what belongs to no AMAP (orphans, ids that are not integers).
    var isFirst: Bool { lower == nil }

    /// An SQL condition on `column` (an AMAP id) selecting this group, and its parameters.
    func condition(_ column: String) -> (sql: String, values: [SQLBindable]) {
        switch (lower, upper) {
        case (nil, nil): ("1", [])
        case (nil, let upper?): ("(\(column) < ? OR \(column) IS NULL)", [upper])
        case (let lower?, nil): ("\(column) >= ?", [lower])
        case (let lower?, let upper?): ("(\(column) >= ? AND \(column) < ?)", [lower, upper])
        }
    }

    public var description: String {
        "\(lower.map(String.init) ?? "…")..<\(upper.map(String.init) ?? "…")"
    }
}

extension Database {
    /// The network cut into groups of about `size` AMAPs (by id), covering every id once.
    public func amapGroups(size: Int) throws -> [AmapGroup] {
        var starts: [Int64] = []
        var index = 0
        try connection.forEachRow("SELECT id FROM amap WHERE typeof(id) = 'integer' ORDER BY id") { row in
            if index > 0, index % max(1, size) == 0, let id = row.int64(0) { starts.append(id) }
            index += 1
        }
        guard !starts.isEmpty else { return [.all] }
        var groups: [AmapGroup] = []
        var lower: Int64?
        for start in starts {
            groups.append(AmapGroup(lower: lower, upper: start))
            lower = start
        }
        groups.append(AmapGroup(lower: lower, upper: nil))
        return groups
    }
}
