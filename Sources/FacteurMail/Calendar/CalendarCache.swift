/// The calendars a rendering lane wrote lately, kept for its next notices: a distribution's members are told of
/// the same event (its description lists the member's own deliveries, so a few versions of it), and it was
/// written anew for each of them (issue 15). One per lane, never shared; a handful of entries at most.
public final class CalendarCache {
    private var recent: [CalendarEvent: [UInt8]] = [:]

    public init() {}

    func ics(for event: CalendarEvent) -> [UInt8] {
        if let ics = recent[event] { return ics }
        let ics = Array(ICalendar.publish([event]).utf8)
        if recent.count >= 32 { recent.removeAll(keepingCapacity: true) }
        recent[event] = ics
        return ics
    }
}
