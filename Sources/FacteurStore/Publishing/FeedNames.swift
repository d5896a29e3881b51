import Foundation

/// Unguessable names for members' private calendar feeds: 128 random bits from the system's secure
/// generator, stored so the name stays the same from one `publish` to the next.
struct FeedNames {
    let db: SQLiteConnection

    /// The names of `members`' feeds, a new one made for each member who has none. Only theirs are read:
    /// `publish` asks a group of AMAPs' members at a time (issue 15).
    func names(for members: [Int64], now: Date) throws -> [Int64: String] {
        var names: [Int64: String] = [:]
        try db.forEachRow(
            "SELECT member_id, token FROM facteur_feed WHERE member_id IN (SELECT value FROM json_each(?))",
            [JSONList.integers(members)]
        ) { row in
            if let id = row.int64(0), let token = row.text(1) { names[id] = token }
        }
        let missing = members.filter { names[$0] == nil }
        guard !missing.isEmpty else { return names }
        try db.writeTransaction {
            for member in missing {
                let token = Self.randomToken()
                try db.run(
                    "INSERT INTO facteur_feed (member_id, token, created_at) VALUES (?, ?, ?)",
                    [member, token, Outbox.seconds(now)])
                names[member] = token
            }
        }
        return names
    }

    /// 26 characters of lowercase base32 (no padding): safe in a URL and a file name.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567")
        var bits = (UInt128(generator.next() as UInt64) << 64) | UInt128(generator.next() as UInt64)
        var out = ""
        for _ in 0..<26 {
            out.append(alphabet[Int(bits & 31)])
            bits >>= 5
        }
        return out
    }
}
