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
        let schedule = try await store.read { db in
            try db.readSchedule(
                from: from, to: now.addingTimeInterval(366 * 86_400), defaultTimeZone: configuration.timeZone)
        }
        for issue in schedule.issues { context.output("skipped: \(issue.text(configuration.language))") }
        let sequences = try await store.read { db in try db.outbox.calendarSequences() }
        let members = schedule.members.values.filter { $0.active && schedule.amaps[$0.amapID] != nil }
        let feedNames = try await store.write { db in try db.feedNames(for: members.map(\.id).sorted(), now: now) }
        let root = URL(fileURLWithPath: out)
        let language = configuration.language
        try OutputUnwritable.guarding(out, language: language) {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        }
        let contractsByMember = schedule.contractsByMember
        let membersByAmap = Dictionary(grouping: members, by: \.amapID)
        var slugs = Set<String>()
        var listing: [(Amap, String)] = []
        var feedRows = ["member_id;name;email;amap;file"]
        for amap in schedule.amaps.values.sorted(by: { $0.id < $1.id }) {
            var slug = Self.slug(amap.name)
            if slugs.contains(slug) { slug += "-\(amap.id)" }
            slugs.insert(slug)
            let staging = root.appendingPathComponent(".\(slug).new")
            try? FileManager.default.removeItem(at: staging)
            try OutputUnwritable.guarding(out, language: language) {
                try FileManager.default.createDirectory(
                    at: staging.appendingPathComponent("private"), withIntermediateDirectories: true)
                // Private feeds are found by their unguessable names: the web server opens them by name, but no
                // local account may list the folder to learn them (0711: enter, never read).
                try FileManager.default.setAttributes(
                    [.posixPermissions: 0o711], ofItemAtPath: staging.appendingPathComponent("private").path)
            }
            let year = schedule.published(amap: amap.id, from: from, to: now.addingTimeInterval(366 * 86_400))
            let upcoming = year.filter {
                $0.distribution.endsAt >= now && $0.distribution.startsAt < now.addingTimeInterval(90 * 86_400)
            }
            try write(
                CalendarFeed.amap(amap, year, sequences: sequences, language: language, stamp: now),
                to: staging.appendingPathComponent("distributions.ics"), language: language)
            try write(
                DistributionPage.render(
                    amap, upcoming, calendarFile: "distributions.ics", language: language, generatedAt: now),
                to: staging.appendingPathComponent("index.html"), language: language)
            // An empty page where a listing would be, for servers that show folders.
            try write(
                "<!DOCTYPE html><title>\(HTMLEscaping.escape(amap.name))</title>\n",
                to: staging.appendingPathComponent("private/index.html"), language: language)
            var feeds = 0
            for member in (membersByAmap[amap.id] ?? []).sorted(by: { $0.id < $1.id }) {
                guard let name = feedNames[member.id] else { continue }
                let mine = schedule.distributions(
                    of: member, subscribed: contractsByMember[member.id] ?? [], in: year)
                try write(
                    CalendarFeed.member(amap, member, mine, sequences: sequences, language: language, stamp: now),
                    to: staging.appendingPathComponent("private/\(name).ics"), language: language)
                feedRows.append(
                    [String(member.id), member.name, member.email ?? "", slug, "\(slug)/private/\(name).ics"]
                        .map(SpreadsheetCell.text).joined(separator: ";"))
                feeds += 1
            }
            try OutputUnwritable.guarding(out, language: language) {
                try Self.replace(root.appendingPathComponent(slug), with: staging)
            }
            listing.append((amap, slug))
            context.output(
                "\(slug)/: \(upcoming.count) upcoming distribution(s), \(year.count) in the feed, \(feeds) private feed(s)"
            )
        }
        try write(
            Self.networkIndex(listing, language: language), to: root.appendingPathComponent("index.html"),
            language: language)
        if let feedsList {
            // It maps members' addresses to their private feeds: owner only.
            try OutputUnwritable.guarding(feedsList, language: language) {
                try PrivateFile.write(
                    Data((feedRows.joined(separator: "\r\n") + "\r\n").utf8), to: feedsList, mode: PrivateFile.ownerOnly
                )
            }
            context.output("private feed names: \(feedsList) (keep it private)")
        }
        return
    }

    private func write(_ text: String, to url: URL, language: Language) throws {
        try OutputUnwritable.guarding(url.deletingLastPathComponent().path, language: language) {
            try Data(text.utf8).write(to: url, options: .atomic)
        }
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
        let slug = FoldedText.make(name, separator: "-")
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
