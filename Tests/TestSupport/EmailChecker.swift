import Foundation

/// What Python's email package makes of a message (Tests/Support/check_email.py).
public struct ParsedEmail: Decodable, Sendable {
    public var file: String
    public var defects: [String]
    public var errors: [String]
    public var headers: [String: [String]]
    public var text: String?
    public var html: String?
    public var calendar: String?
    public var calendar_method: String?
    public var date_parses: Bool
    public var bare_lf: Bool
    public var bare_cr: Bool
    public var longest_line: Int
    public var eight_bit: Bool
    /// Attachments' names as Python reads them (RFC 2231 `filename*` decoded), and text attachments decoded.
    public var attachments: [String]?
    public var attachment_texts: [String]?

    public func header(_ name: String) -> String? { headers[name.lowercased()]?.first }
}

public enum EmailChecker {
    public static func parse(files: [URL]) throws -> [ParsedEmail] {
        guard !files.isEmpty else { return [] }
        let output = try ProcessRunner.run(
            "/usr/bin/python3", [PackagePaths.support.appendingPathComponent("check_email.py").path] + files.map(\.path)
        )
        return try output.stdout.split(separator: "\n").map {
            try JSONDecoder().decode(ParsedEmail.self, from: Data($0.utf8))
        }
    }

    public static func parse(bytes: [UInt8], in directory: TemporaryDirectory, name: String = "message.eml") throws
        -> ParsedEmail
    {
        let url = directory.url.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return try parse(files: [url])[0]
    }
}
