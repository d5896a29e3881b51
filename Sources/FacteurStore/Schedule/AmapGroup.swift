import FacteurCore
import Foundation

/// A slice of the network planned on its own: some AMAPs, with everything that belongs to them. Planning a
/// network of thousands of AMAPs a group at a time bounds memory by the group, not the network (issue 15).
///
/// `Database.amapGroups(size:)` never separates two AMAPs one producer delivers to: a producer's sheet covers
/// every distribution they deliver to that day, across AMAPs (DESIGN §2), so those AMAPs are planned together.
/// The first group also reads the rows that belong to no AMAP of any group (a missing AMAP, NULL, an id that is
/// not an integer), so each is still reported, once.
public struct AmapGroup: Sendable, Equatable, CustomStringConvertible {
    /// The AMAPs' ids; nil for the whole network.
    public var ids: [Int64]?
    /// Whether this group also reads what belongs to no AMAP.
    public var isFirst: Bool

    public init(ids: [Int64]?, isFirst: Bool) {
        self.ids = ids
        self.isFirst = isFirst
    }

    /// The whole network in one group.
    public static let all = AmapGroup(ids: nil, isFirst: true)

    /// An SQL condition on `column` (an AMAP id) selecting this group, and its parameters.
    func condition(_ column: String) -> (sql: String, values: [SQLBindable]) {
        guard let ids else { return ("1", []) }
        let list = JSONList.integers(ids)
        let inList = "\(column) IN (SELECT value FROM json_each(?))"
        guard isFirst else { return (inList, [list]) }
        return (
            "(\(inList) OR \(column) IS NULL OR \(column) NOT IN (SELECT id FROM amap WHERE typeof(id) = 'integer'))",
            [list]
        )
    }

    public var description: String {
        guard let ids else { return "all" }
        return "\(ids.count) AMAP(s) from \(ids.first.map(String.init) ?? "-")"
    }
}

extension Database {
    /// The network cut into groups of at least `size` AMAPs (by id), each AMAP in exactly one, and AMAPs that
    /// share a producer always in the same group. `first`: the first group's least size, when smaller: nothing is
    /// rendered before the first group is read and planned, and the next groups are read while it is rendered.
    public func amapGroups(size: Int, first: Int? = nil) throws -> [AmapGroup] {
        var ids: [Int64] = []
        try connection.forEachRow("SELECT id FROM amap WHERE typeof(id) = 'integer' ORDER BY id") { row in
            if let id = row.int64(0) { ids.append(id) }
        }
        guard ids.count > size else { return [.all] }
        // Union-find over AMAPs: a producer's contracts join their AMAPs.
        var parent: [Int64: Int64] = [:]
        for id in ids { parent[id] = id }
        func root(_ id: Int64) -> Int64 {
            var r = id
            while let p = parent[r], p != r { r = p }
            var c = id
            while let p = parent[c], p != r {
                parent[c] = r
                c = p
            }
            return r
        }
        var firstAmapOfProducer: [Int64: Int64] = [:]
        try connection.forEachRow(
            """
            SELECT DISTINCT producer_id, amap_id FROM contract
            WHERE typeof(producer_id) = 'integer' AND typeof(amap_id) = 'integer'
            """
        ) { row in
            guard let producer = row.int64(0), let amap = row.int64(1), parent[amap] != nil else { return }
            if let other = firstAmapOfProducer[producer] {
                let (a, b) = (root(other), root(amap))
                if a != b { parent[max(a, b)] = min(a, b) }
            } else {
                firstAmapOfProducer[producer] = amap
            }
        }
        // Components in the order of their smallest id, packed into groups of at least `size`.
        var components: [Int64: [Int64]] = [:]
        for id in ids { components[root(id), default: []].append(id) }
        var groups: [AmapGroup] = []
        var current: [Int64] = []
        for key in components.keys.sorted() {
            current += components[key] ?? []
            if current.count >= (groups.isEmpty ? min(size, first ?? size) : size) {
                groups.append(AmapGroup(ids: current, isFirst: groups.isEmpty))
                current = []
            }
        }
        if !current.isEmpty { groups.append(AmapGroup(ids: current, isFirst: groups.isEmpty)) }
        return groups
    }
}
