/// The calendars a rendering lane wrote lately, kept for its next notices: a distribution's members are told of
/// the same event (its description lists the member's own deliveries, so a few versions of it), and it was
/// written anew for each of them (issue 15). One per lane, never shared; a handful of entries at most.
public final class CalendarCache {
    private var recent: [Key: [UInt8]] = [:]

    public init() {}

    func ics(for event: CalendarEvent) -> [UInt8] {
        let key = Key(event)
        if let ics = recent[key] { return ics }
        let ics = Array(ICalendar.publish([event]).utf8)
        if recent.count >= 32 { recent.removeAll(keepingCapacity: true) }
        recent[key] = ics
        return ics
    }

    /// An event compared by the bytes of its texts (`SameBytes`): each member gets exactly the calendar composed
    /// from their own notice.
    struct Key: Hashable {
        let event: CalendarEvent

        init(_ event: CalendarEvent) { self.event = event }

        private var texts: [String] {
            [
                event.uid, event.summary, event.location, event.description, event.organizer.name ?? "",
                event.organizer.address,
            ]
        }

        static func == (a: Key, b: Key) -> Bool {
            a.event.sequence == b.event.sequence && a.event.start == b.event.start && a.event.end == b.event.end
                && a.event.cancelled == b.event.cancelled && a.event.stamp == b.event.stamp
                && SameBytes.equal(a.event.organizer.name, b.event.organizer.name)
                && zip(a.texts, b.texts).allSatisfy { SameBytes.equal($0, $1) }
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(event.sequence)
            hasher.combine(event.start)
            hasher.combine(event.stamp)
            for text in texts {
                hasher.combine(text.utf8.count)
                let hashed: Bool? = text.utf8.withContiguousStorageIfAvailable {
                    hasher.combine(bytes: UnsafeRawBufferPointer($0))
                    return true
                }
                if hashed == nil { for byte in text.utf8 { hasher.combine(byte) } }
            }
        }
    }
}
