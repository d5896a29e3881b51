import FacteurCore
import Foundation

/// One line per event on stderr: `2026-11-23T02:00:00Z info sent key=announcement/d42/m7 code=250`.
/// Values are quoted when they hold spaces; secrets are never handed to it.
public struct Logger: Sendable {
    public enum Level: String, Sendable {
        case debug, info, warning, error
        /// A systemic problem a person must look at (sender paused).
        case alert

        /// syslog priorities: debug 7, info 6, warning 4, error 3, alert 1.
        var journalPrefix: String {
            switch self {
            case .debug: "<7>"
            case .info: "<6>"
            case .warning: "<4>"
            case .error: "<3>"
            case .alert: "<1>"
            }
        }
    }

    private let sink: @Sendable (String) -> Void

    public init(sink: @escaping @Sendable (String) -> Void = Logger.standardError) {
        self.sink = sink
    }

    public static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// sd-daemon(3) priority prefixes (`<4>`), read by journald so that `journalctl -p warning` finds the
    /// warnings: written only when stderr is the journal itself (systemd's `JOURNAL_STREAM` names it).
    static let toJournal: Bool = {
        guard let stream = ProcessInfo.processInfo.environment["JOURNAL_STREAM"] else { return false }
        let parts = stream.split(separator: ":").compactMap { UInt64($0) }
        var info = stat()
        guard parts.count == 2, fstat(2, &info) == 0 else { return false }
        return UInt64(info.st_dev) == parts[0] && UInt64(info.st_ino) == parts[1]
    }()

    public func log(_ level: Level, _ event: String, _ fields: KeyValuePairs<String, String> = [:]) {
        sink(Self.line(level, event, fields))
    }

    /// One event's line, to be written with others by `write(lines:)`. `time`: the instant's text when several
    /// lines are made at once (a chunk's 200 queued notices), instead of reading the clock for each.
    public static func line(
        _ level: Level, _ event: String, _ fields: KeyValuePairs<String, String> = [:], time: String? = nil
    ) -> String {
        // Appended piece by piece into one buffer, without an interpolation's string for each piece: planning logs
        // every notice it queues or records, the sender every message (issue 15).
        var line = ""
        line.reserveCapacity(128)
        if Self.toJournal { line += level.journalPrefix }
        line += time ?? ISO8601Now.string()
        line += " "
        line += level.rawValue
        line += " "
        line += event
        for (key, value) in fields {
            line += " "
            line += key
            line += "="
            line += Logger.quote(value)
        }
        return line
    }

    /// Several lines in few writes: planning logs each chunk of 200 queued notices so, not in 200 system calls
    /// (issue 15). Each write stays within `PIPE_BUF` (4,096 bytes), which the kernel writes to a pipe at once:
    /// the sender, logging from another thread meanwhile, never cuts into one of these lines. Each line is still
    /// one event, as journald and grep read them.
    public func write(lines: [String]) {
        var chunk = ""
        for line in lines {
            if !chunk.isEmpty && chunk.utf8.count + 1 + line.utf8.count + 1 > Self.atomicWrite {
                sink(chunk)
                chunk = ""
            }
            if !chunk.isEmpty { chunk += "\n" }
            chunk += line
        }
        if !chunk.isEmpty { sink(chunk) }
    }

    /// `PIPE_BUF` on Linux: the largest write a pipe never interleaves with another writer's.
    static let atomicWrite = 4096

    public func info(_ event: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.info, event, fields) }
    public func warning(_ event: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.warning, event, fields) }
    public func error(_ event: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.error, event, fields) }

    static func quote(_ value: String) -> String {
        // Most values (keys, codes, times) need nothing: a byte scan decides without building strings.
        let plain = !value.isEmpty && !value.utf8.contains { $0 == 32 || $0 == 34 || $0 == 61 || $0 == 10 || $0 == 13 }
        if plain { return value }
        // Quoted, line ends as spaces, quotes escaped; on bytes (an SMTP reply is logged for every message).
        var out: [UInt8] = [34]
        out.reserveCapacity(value.utf8.count + 4)
        for byte in value.utf8 {
            switch byte {
            case 10, 13: out.append(32)
            case 34: out += [92, 34]
            default: out.append(byte)
            }
        }
        out.append(34)
        return String(decoding: out, as: UTF8.self)
    }
}

/// The log's timestamp, `2026-11-23T02:00:00.123Z`, computed directly from the Unix time: a
/// DateFormatter per line cost more than sending the message it reports.
enum ISO8601Now {
    static func string(_ date: Date = WallClock.now()) -> String {
        let t = date.timeIntervalSince1970
        let seconds = Int64(t.rounded(.down))
        let millis = Int((t - Double(seconds)) * 1000)
        let (day, rest) = CivilDay.split(seconds)
        let two = CivilDay.two
        let ms = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return "\(day.iso)T\(two(rest / 3600)):\(two(rest % 3600 / 60)):\(two(rest % 60)).\(ms)Z"
    }
}
