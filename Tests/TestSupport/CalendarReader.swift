import Foundation

/// An iCalendar file as Python's icalendar package parses it (Tests/Support/read_ics.py).
public struct ParsedCalendar: Decodable, Sendable {
    public struct Event: Decodable, Sendable {
        public var uid: String
        public var summary: String
        public var location: String
        public var description: String
        public var start: String
        public var end: String
        public var status: String
        public var sequence: Int
    }

    public var name: String
    public var events: [Event]

    public static func read(_ file: String) throws -> ParsedCalendar {
        let output = try ProcessRunner.run(
            "/usr/bin/python3", [PackagePaths.support.appendingPathComponent("read_ics.py").path, file])
        guard output.status == 0 else { throw CalendarReadError(stderr: output.stderr) }
        return try JSONDecoder().decode(ParsedCalendar.self, from: Data(output.stdout.utf8))
    }
}

public struct CalendarReadError: Error, CustomStringConvertible {
    public var stderr: String
    public var description: String { "icalendar refused the file: \(stderr)" }
}
