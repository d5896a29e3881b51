import Foundation

/// One line per event on stderr: `2026-11-23T02:00:00Z info sent key=announcement/d42/m7 code=250`.
/// Values are quoted when they hold spaces; secrets are never handed to it.
public struct Logger: Sendable {
    public enum Level: String, Sendable {
        case debug, info, warning, error
        /// A systemic problem a person must look at (sender paused).
        case alert
    }

    private let sink: @Sendable (String) -> Void

    public init(sink: @escaping @Sendable (String) -> Void = Logger.standardError) {
        self.sink = sink
    }

    public static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    public func log(_ level: Level, _ event: String, _ fields: KeyValuePairs<String, String> = [:]) {
        var line = "\(ISO8601Now.string()) \(level.rawValue) \(event)"
        for (key, value) in fields {
            line += " \(key)=\(Logger.quote(value))"
        }
        sink(line)
    }

    public func info(_ event: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.info, event, fields) }
    public func warning(_ event: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.warning, event, fields) }
    public func error(_ event: String, _ fields: KeyValuePairs<String, String> = [:]) { log(.error, event, fields) }

    static func quote(_ value: String) -> String {
        let text = String(String.UnicodeScalarView(value.unicodeScalars.map { $0 == "\n" || $0 == "\r" ? " " : $0 }))
        guard text.isEmpty || text.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

enum ISO8601Now {
    static func string() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}
