import FacteurCore
import FacteurTransport
import Foundation

/// `facteur.json` (DESIGN §7), resolved: relative paths made absolute against the config's folder,
/// the SMTP password read from its file or `FACTEUR_SMTP_PASSWORD`. Never logged as a whole.
public struct Configuration: Sendable {
    public var file: String
    public var database: String
    public var templates: String
    public var timeZone: TimeZone
    public var locale: String
    public var language: Language
    public var pollSeconds: Int
    public var notices: NoticeSettings
    public var retry: RetryPolicy
    public var smtp: SMTPSettings
    public var envelopeFrom: String?
    public var maxPerMinute: Int
    public var digestAt: String
    public var relay: RelaySettings
    /// `unsubscribe.url`: the public address of `facteur cgi`, for one-click unsubscribe links (nil: mail only).
    public var unsubscribeURL: String?
    /// `retention.days`: rendered bodies of finished messages are purged after this many days (RGPD).
    public var retentionDays: Int
    /// Keys present in the file that Facteur does not know (probably misspelt).
    public var unknownKeys: [String]
    /// For an unknown key, the known key it is most likely a typo of.
    public var keySuggestions: [String: String] = [:]

    /// "unknown key smtp.urll (did you mean smtp.url?)"
    public func unknownKeyText(_ key: String) -> String {
        keySuggestions[key].map { "\(key) (did you mean \($0)?)" } ?? key
    }
    /// Whether a secret lives in a file others can read.
    public var warnings: [String]

    public struct RelaySettings: Sendable {
        public var moderation: String
        public var maxBytes: Int
        public var authservID: String?
        public var imapURL: String?
        public var imapUsername: String?
        public var imapPassword: String?
        public var imapSecurity: SMTPSettings.Security = .starttls

        /// The IMAP mailbox to poll, when `relay.imap.url` is set.
        public func imap(timeoutSeconds: Int, caFile: String?, verify: Bool) -> IMAPSettings? {
            guard let imapURL else { return nil }
            return IMAPSettings(
                url: imapURL, security: imapSecurity, username: imapUsername, password: imapPassword,
                timeoutSeconds: timeoutSeconds, caFile: caFile, verifyCertificates: verify)
        }
    }
}

extension Configuration {
    /// Reads and checks the file; every problem names the file and the key path.
    public static func load(path: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(ConfigError) -> Configuration
    {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let file = url.path
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ConfigError(file: file, problem: "cannot be read (\(error.localizedDescription))")
        }
        let parsed: Any
        do { parsed = try JSONSerialization.jsonObject(with: data) } catch {
            throw ConfigError(file: file, problem: "is not valid JSON \(JSONErrorText.describe(error, in: data))")
        }
        guard let dict = parsed as? [String: Any] else {
            throw ConfigError(file: file, problem: "must hold a JSON object")
        }
        return try ConfigurationParser(file: file, base: url.deletingLastPathComponent(), root: dict, env: environment)
            .parse()
    }
}

enum JSONErrorText {
    /// "at line 4, column 3 (Invalid value around character 54.)": a volunteer's editor shows lines, not offsets.
    static func describe(_ error: Error, in data: Data) -> String {
        let ns = error as NSError
        let text = (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? ns.localizedDescription
        guard let range = text.range(of: #"character (\d+)"#, options: .regularExpression),
            let offset = Int(text[range].dropFirst("character ".count)), offset <= data.count
        else { return "(\(text))" }
        let before = data.prefix(offset)
        let line = before.filter { $0 == 10 }.count + 1
        let column = offset - (before.lastIndex(of: 10).map { $0 + 1 } ?? 0) + 1
        return "at line \(line), column \(column) (\(text))"
    }
}
