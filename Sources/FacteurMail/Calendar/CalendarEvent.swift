import Foundation

/// One distribution as a VEVENT: a stable UID per distribution, SEQUENCE raised by each change.
public struct CalendarEvent: Sendable, Equatable {
    public var uid: String
    public var sequence: Int
    public var start: Date
    public var end: Date
    public var summary: String
    public var location: String
    public var description: String
    public var organizer: Mailbox
    public var cancelled: Bool
    public var stamp: Date

    public init(
        uid: String, sequence: Int, start: Date, end: Date, summary: String, location: String, description: String,
        organizer: Mailbox, cancelled: Bool, stamp: Date
    ) {
        self.uid = uid
        self.sequence = sequence
        self.start = start
        self.end = end
        self.summary = summary
        self.location = location
        self.description = description
        self.organizer = organizer
        self.cancelled = cancelled
        self.stamp = stamp
    }
}
