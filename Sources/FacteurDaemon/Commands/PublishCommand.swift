import FacteurCore
import FacteurMail
import FacteurStore
import Foundation

/// `facteur publish --out DIR`: static files a web server can serve as they are.
public struct PublishCommand: Command {
    public static let name = "publish"
    public static let summary = "write each AMAP's public page and calendar feeds, and members' private feeds"
    public static let help = """
        usage: facteur publish --config FILE --out DIR [--now T] [--feeds-list FILE.csv]

        For each AMAP, writes DIR/<amap>/index.html (upcoming distributions: date, time, place, contracts
        delivering, volunteers still needed) and DIR/<amap>/distributions.ics (its distributions over the
        past 30 and next 365 days, no personal data), plus DIR/<amap>/private/<name>.ics for each active
        member: their own distributions and duties, under a random name that stays the same from one run to
        the next. Each AMAP folder is replaced whole, so a departed member's feed disappears. Serve DIR with
        directory listing off. --feeds-list writes, outside DIR, which file belongs to whom, for telling
        members their address. Run it from cron after each change, or hourly.

        example: facteur publish --config /etc/facteur/facteur.json --out /var/www/amap
        """

    var out: String
    var now: String?
    var feedsList: String?

    public init(arguments: inout Arguments) throws(UsageError) {
        guard let out = try arguments.option("--out") else { throw UsageError("--out DIR is required") }
        self.out = out
        now = try arguments.option("--now")
        feedsList = try arguments.option("--feeds-list")
    }

    public func run(_ context: CommandContext) async throws {
        let configuration = try context.configuration()
        let now = try TimeArgument.now(now, timeZone: configuration.timeZone)
        let store = try Store(path: configuration.database)
        try await store.migrate()
        let from = now.addingTimeInterval(-30 * 86_400)
        let to = now.addingTimeInterval(366 * 86_400)
        // A group of AMAPs at a time, as the daemon plans, the network's accounts read once: a network's publish then
        // holds a group's year, not the whole network's (issue 15: 274 MiB for 2,000 AMAPs). The folders are named
        // first, over the whole network in the order of the AMAPs' ids, so that a name two AMAPs share is told apart
        // on the same one as before, whichever group each is in.
        let timeZone = configuration.timeZone
        let (groups, network, amaps, sequences) = try await store.read { db in
            (
                try db.amapGroups(size: NoticePlanning.amapsPerGroup),
                try db.networkAccounts(balancesAt: .distantFuture, defaultTimeZone: timeZone),
                try db.amaps(defaultTimeZone: timeZone), try db.outbox.calendarSequences()
            )
        }
        let slugs = Self.slugs(amaps.values.sorted(by: { $0.id < $1.id }))
        let root = URL(fileURLWithPath: out)
        let language = configuration.language
        try OutputUnwritable.guarding(out, language: language) {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        }
        var reported = ReportedRows()
        var published: [Int64: (line: String, feedRows: [String])] = [:]
        // The skipped rows (in the order the groups find them), then each AMAP done in the order of its id: once every
        // folder is written, or before the error when one cannot be.
        func tell() {
            for issue in reported.all { context.output("skipped: \(issue.text(configuration.language))") }
            for id in published.keys.sorted() { context.output(published[id]?.line ?? "") }
        }
        do {
            for group in groups {
                let schedule = try await store.read { db in
                    try db.readSchedule(from: from, to: to, defaultTimeZone: timeZone, group: group, network: network)
                }
                reported.add(schedule.issues)
                let members = schedule.members.values.filter { $0.active && schedule.amaps[$0.amapID] != nil }
                let feedNames = try await store.write { db in
                    try db.feedNames(for: members.map(\.id).sorted(), now: now)
                }
                let contractsByMember = schedule.contractsByMember
                let membersByAmap = Dictionary(grouping: members, by: \.amapID)
                let folders = AmapFolder.Writer(
                    root: root, out: out, schedule: schedule, sequences: sequences, from: from, to: to, now: now,
                    language: language)
                for amap in schedule.amaps.values.sorted(by: { $0.id < $1.id }) {
                    guard let slug = slugs[amap.id] else { continue }
                    let folder = try folders.write(
                        amap, slug: slug, members: membersByAmap[amap.id] ?? [], feedNames: feedNames,
                        contractsByMember: contractsByMember)
                    published[amap.id] = (
                        "\(slug)/: \(folder.upcoming) upcoming distribution(s), \(folder.inFeed) in the feed, "
                            + "\(folder.feedRows.count) private feed(s)",
                        // Kept to the end only for the feed list: a network's is a hundred thousand rows.
                        feedsList == nil ? [] : folder.feedRows
                    )
                }
            }
        } catch {
            tell()
            throw error
        }
        tell()
        let listing = amaps.values.filter { published[$0.id] != nil }.sorted(by: { $0.id < $1.id })
        try write(
            Self.networkIndex(listing.map { ($0, slugs[$0.id] ?? "") }, language: language),
            to: root.appendingPathComponent("index.html"), language: language)
        if let feedsList {
            let rows = ["member_id;name;email;amap;file"] + listing.flatMap { published[$0.id]?.feedRows ?? [] }
            // It maps members' addresses to their private feeds: owner only.
            try OutputUnwritable.guarding(feedsList, language: language) {
                try PrivateFile.write(
                    Data((rows.joined(separator: "\r\n") + "\r\n").utf8), to: feedsList, mode: PrivateFile.ownerOnly)
            }
            context.output("private feed names: \(feedsList) (keep it private)")
        }
    }

    /// Each AMAP's folder, in the order of their ids: a name another AMAP already has gets the id after it, and a
    /// number after that when even that is taken (AMAP 2 « Lilas 4 » beside a third « Lilas », AMAP 4).
    static func slugs(_ amaps: [Amap]) -> [Int64: String] {
        var taken = Set<String>()
        var slugs: [Int64: String] = [:]
        for amap in amaps {
            let base = Self.slug(amap.name)
            var slug = base
            var attempt = 1
            while taken.contains(slug) {
                slug = attempt == 1 ? "\(base)-\(amap.id)" : "\(base)-\(amap.id)-\(attempt)"
                attempt += 1
            }
            taken.insert(slug)
            slugs[amap.id] = slug
        }
        return slugs
    }

    private func write(_ text: String, to url: URL, language: Language) throws {
        try AmapFolder.write(text, to: url, language: language)
    }

    /// Swaps a freshly written folder in place of the old one.
    static func replace(_ target: URL, with staging: URL) throws {
        let fm = FileManager.default
        let old = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).old")
        try? fm.removeItem(at: old)
        if fm.fileExists(atPath: target.path) { try fm.moveItem(at: target, to: old) }
        try fm.moveItem(at: staging, to: target)
        try? fm.removeItem(at: old)
    }

    /// `AMAP des Lilas` → `amap-des-lilas`.
    static func slug(_ name: String) -> String {
        // Fifty characters at most: a folder's name is 255 bytes at most, and a pasted paragraph is no name.
        var slug = String(FoldedText.make(name, separator: "-").prefix(50))
        while slug.hasSuffix("-") { slug.removeLast() }
        return slug.isEmpty ? "amap" : slug
    }

    static func networkIndex(_ amaps: [(Amap, String)], language: Language) -> String {
        let items = amaps.map { "<li><a href=\"\($0.1)/\">\(HTMLEscaping.escape($0.0.name))</a></li>" }.joined(
            separator: "\n")
        return """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1"><title>AMAP</title></head>
            <body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem;">
            <ul>
            \(items)
            </ul>
            </body></html>

            """
    }
}
