import FacteurCore
import FacteurMail
import Foundation

/// One AMAP's published folder: its page, its public calendar, an empty page in place of a listing of its private
/// feeds, and each active member's private feed, written beside the old folder and swapped in whole, so that a
/// departed member's feed disappears and a web server never serves a half-written folder.
enum AmapFolder {
    /// What a folder holds, for `publish`'s listing and its feed list.
    struct Written {
        var upcoming: Int
        var inFeed: Int
        var feedRows: [String]
    }

    /// What every folder of a group is written from.
    struct Writer {
        var root: URL
        /// The output folder as given, named in errors.
        var out: String
        var schedule: Schedule
        var sequences: [Int64: Int]
        var from: Date
        var to: Date
        var now: Date
        var language: Language

        func write(
            _ amap: Amap, slug: String, members: [Member], feedNames: [Int64: String],
            contractsByMember: [Int64: Set<Int64>]
        ) throws -> Written {
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
            let year = schedule.published(amap: amap.id, from: from, to: to)
            let upcoming = year.filter {
                $0.distribution.endsAt >= now && $0.distribution.startsAt < now.addingTimeInterval(90 * 86_400)
            }
            try AmapFolder.write(
                CalendarFeed.amap(amap, year, sequences: sequences, language: language, stamp: now),
                to: staging.appendingPathComponent("distributions.ics"), language: language)
            try AmapFolder.write(
                DistributionPage.render(
                    amap, upcoming, calendarFile: "distributions.ics", language: language, generatedAt: now),
                to: staging.appendingPathComponent("index.html"), language: language)
            // An empty page where a listing would be, for servers that show folders.
            try AmapFolder.write(
                "<!DOCTYPE html><title>\(HTMLEscaping.escape(amap.name))</title>\n",
                to: staging.appendingPathComponent("private/index.html"), language: language)
            var feedRows: [String] = []
            for member in members.sorted(by: { $0.id < $1.id }) {
                guard let name = feedNames[member.id] else { continue }
                let mine = schedule.distributions(of: member, subscribed: contractsByMember[member.id] ?? [], in: year)
                try AmapFolder.write(
                    CalendarFeed.member(amap, member, mine, sequences: sequences, language: language, stamp: now),
                    to: staging.appendingPathComponent("private/\(name).ics"), language: language)
                feedRows.append(
                    [String(member.id), member.name, member.email ?? "", slug, "\(slug)/private/\(name).ics"]
                        .map(SpreadsheetCell.text).joined(separator: ";"))
            }
            try OutputUnwritable.guarding(out, language: language) {
                try PublishCommand.replace(root.appendingPathComponent(slug), with: staging)
            }
            return Written(upcoming: upcoming.count, inFeed: year.count, feedRows: feedRows)
        }
    }

    static func write(_ text: String, to url: URL, language: Language) throws {
        try OutputUnwritable.guarding(url.deletingLastPathComponent().path, language: language) {
            try Data(text.utf8).write(to: url, options: .atomic)
        }
    }
}
