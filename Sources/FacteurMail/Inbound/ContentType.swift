import Foundation

/// A parsed `Content-Type`: media type and parameters (RFC 2045), lenient about quoting and case.
public struct ContentType: Sendable, Equatable {
    public var type: String
    public var subtype: String
    public var parameters: [String: String]

    public init(_ text: String) {
        let parts = ContentType.splitParameters(text)
        let media = (parts.first ?? "text/plain").trimmingSpaces().lowercased()
        let slash = media.split(separator: "/", maxSplits: 1)
        type = slash.first.map(String.init) ?? "text"
        subtype = slash.count > 1 ? String(slash[1]) : "plain"
        var parameters: [String: String] = [:]
        for p in parts.dropFirst() {
            guard let eq = p.firstIndex(of: "=") else { continue }
            let key = String(p[..<eq]).trimmingSpaces().lowercased()
            var value = String(p[p.index(after: eq)...]).trimmingSpaces()
            if value.hasPrefix("\"") && value.hasSuffix("\"") && value.count >= 2 {
                value = String(value.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"")
            }
            parameters[key] = value
        }
        self.parameters = parameters
    }

    public var mediaType: String { "\(type)/\(subtype)" }
    public var boundary: String? { parameters["boundary"] }
    public var charset: String? { parameters["charset"]?.lowercased() }

    /// Splits on `;` outside quotes.
    static func splitParameters(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for ch in text {
            if escaped {
                current.append(ch)
                escaped = false
                continue
            }
            if ch == "\\" && quoted {
                escaped = true
                current.append(ch)
                continue
            }
            if ch == "\"" { quoted.toggle() }
            if ch == ";" && !quoted {
                parts.append(current)
                current = ""
            } else {
                current.append(ch)
            }
        }
        parts.append(current)
        return parts
    }
}
