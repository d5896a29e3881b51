import FacteurCore
import Foundation

/// iCalendar feeds to subscribe to: the AMAP's public one (distributions only, no personal data) and a
/// member's private one (their own distributions and duties). UIDs are the ones the announcements carry,
/// so a calendar that has both merges them.
public enum CalendarFeed {
    public static func amap(
        _ amap: Amap, _ distributions: [PublishedDistribution], sequences: [Int64: Int], language: Language, stamp: Date
    ) -> String {
        let text = PublicationText(language: language)
        let events = distributions.map { p in
            event(
                amap, p, sequence: sequences[p.distribution.id] ?? 0, summary: text.distributionSummary(amap.name),
                description: description(p, language: language), stamp: stamp)
        }
        return ICalendar.publish(events, calendarName: amap.name)
    }

    public static func member(
        _ amap: Amap, _ member: Member, _ distributions: [MemberDistribution], sequences: [Int64: Int],
        language: Language, stamp: Date
    ) -> String {
        let text = PublicationText(language: language)
        let events = distributions.map { m in
            var summary = text.distributionSummary(amap.name)
            if m.duty != nil { summary += " (\(text.onDuty))" }
            var lines: [String] = []
            if !m.collecting.isEmpty {
                lines.append(text.youCollect + text.colon + m.collecting.map(\.contract).joined(separator: ", "))
            }
            if let duty = m.duty { lines.append(text.youAreOnDuty + (duty.role.map { " (\($0))" } ?? "")) }
            if let notes = m.published.distribution.notes, !notes.isEmpty { lines.append(notes) }
            return event(
                amap, m.published, sequence: sequences[m.published.distribution.id] ?? 0, summary: summary,
                description: lines.joined(separator: "\n"), stamp: stamp)
        }
        return ICalendar.publish(events, calendarName: "\(amap.name) – \(member.name)")
    }

    static func description(_ p: PublishedDistribution, language: Language) -> String {
        let text = PublicationText(language: language)
        var lines: [String] = []
        if !p.contracts.isEmpty {
            lines.append(text.delivering + text.colon + p.contracts.map { "\($0.contract) (\($0.producer))" }.joined(separator: ", "))
        }
        if p.volunteersMissing > 0 && !p.distribution.cancelled { lines.append(text.volunteersMissing(p.volunteersMissing)) }
        if let notes = p.distribution.notes, !notes.isEmpty { lines.append(notes) }
        return lines.joined(separator: "\n")
    }

    static func event(
        _ amap: Amap, _ p: PublishedDistribution, sequence: Int, summary: String, description: String, stamp: Date
    ) -> CalendarEvent {
        CalendarEvent(
            uid: "distribution-\(p.distribution.id)@\(amap.domain)", sequence: sequence, start: p.distribution.startsAt,
            end: p.distribution.endsAt, summary: summary, location: p.distribution.place, description: description,
            organizer: Mailbox(name: amap.name, address: amap.email), cancelled: p.distribution.cancelled, stamp: stamp)
    }
}
