import FacteurCore
import FacteurTransport
import Foundation

/// Turns the JSON tree into a `Configuration`, one section at a time.
struct ConfigurationParser {
    let file: String
    let base: URL
    let root: [String: Any]
    let env: [String: String]

    func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : base.appendingPathComponent(path).standardizedFileURL.path
    }

    func parse() throws(ConfigError) -> Configuration {
        let top = JSONObject(file: file, path: "", values: root)
        guard let database = try top.string("database") else { throw top.error("database", "is required") }
        let templates = try top.string("templates", default: "Templates")
        let zoneName = try top.string("timezone", default: "Europe/Paris")
        guard let zone = TimeZone(identifier: zoneName) else {
            throw top.error("timezone", "“\(zoneName)” is not an IANA time zone")
        }
        let locale = try top.string("locale", default: "fr_FR")
        guard let language = Language(locale: locale) else {
            throw top.error("locale", "“\(locale)” has no templates (fr_FR or en_GB)")
        }
        var notices = NoticeSettings()
        let quiet = try top.object("quiet_hours")
        let qStart = try quiet.string("start", default: "21:00")
        let qEnd = try quiet.string("end", default: "08:00")
        guard let s = QuietHours.minutes(qStart) else { throw quiet.error("start", "expected HH:MM") }
        guard let e = QuietHours.minutes(qEnd) else { throw quiet.error("end", "expected HH:MM") }
        notices.quietHours = QuietHours(start: s, end: e)
        try parseNotices(top.object("notices"), into: &notices)

        let retryObject = try top.object("retry")
        let retry = RetryPolicy(
            maxBackoffMinutes: try retryObject.number("max_backoff_minutes", default: 60, range: 1...10_080),
            maxAgeHours: try retryObject.number("max_age_hours", default: 48, range: 1...720))
        var warnings: [String] = []
        let (smtp, envelopeFrom, maxPerMinute) = try parseSMTP(top.object("smtp"), warnings: &warnings)
        let digest = try top.object("digest")
        let digestAt = try digest.string("at", default: "08:00")
        guard let digestMinutes = QuietHours.minutes(digestAt) else { throw digest.error("at", "expected HH:MM") }
        notices.digestAtMinutes = digestMinutes
        let relay = try parseRelay(top.object("relay"), warnings: &warnings)
        let poll = try top.int("poll_seconds", default: 60, range: 1...86_400)
        let retentionDays = try top.object("retention").int("days", default: 90, range: 1...36_500)
        let unsubscribe = try top.object("unsubscribe")
        let unsubscribeURL = try unsubscribe.string("url")
        if let url = unsubscribeURL {
            guard url.hasPrefix("https://") || url.hasPrefix("http://"),
                !url.unicodeScalars.contains(where: { $0.value <= 0x20 || $0 == "<" || $0 == ">" || $0 == "\"" })
            else { throw unsubscribe.error("url", "must be the https:// address of facteur cgi") }
            if url.hasPrefix("http://") {
                warnings.append(
                    "unsubscribe.url: one-click unsubscribe (RFC 8058) needs https://; mail clients may not offer it")
            }
        }
        // The example's placeholders copied as they are: members would be sent to a site that is not the AMAP's
        // (the unsubscribe link), every producer's message held (authserv_id). `check` says so.
        let placeholders: [(String, String?)] = [
            ("smtp.url", smtp.url), ("smtp.username", smtp.username), ("relay.authserv_id", relay.authservID),
            ("relay.imap.url", relay.imapURL), ("unsubscribe.url", unsubscribeURL),
        ]
        for (key, value) in placeholders where value.map(Self.namesExampleDomain) == true {
            warnings.append(
                "\(key) “\(value ?? "")” is the example's placeholder (example.org is reserved, RFC 2606): set the "
                    + "AMAP's own")
        }
        var configuration = Configuration(
            file: file, database: resolve(database), templates: resolve(templates), timeZone: zone, locale: locale,
            language: language, pollSeconds: poll, notices: notices, retry: retry, smtp: smtp,
            envelopeFrom: envelopeFrom, maxPerMinute: maxPerMinute, digestAt: digestAt, relay: relay,
            unsubscribeURL: unsubscribeURL,
            retentionDays: retentionDays, unknownKeys: top.unknownKeys, warnings: warnings)
        for (key, suggestion) in top.unknownKeysWithSuggestions {
            if let suggestion { configuration.keySuggestions[key] = suggestion }
        }
        return configuration
    }

    private func parseNotices(_ o: JSONObject, into n: inout NoticeSettings) throws(ConfigError) {
        let announcement = try o.object("announcement")
        n.announcementLeadHours = try announcement.number("lead_hours", default: 48, range: 0...8760)
        n.announcementMinNoticeHours = try announcement.number("min_notice_hours", default: 2, range: 0...8760)
        let duty = try o.object("duty_call")
        n.dutyCallLeadHours = try duty.number("lead_hours", default: 96, range: 24...8760)
        let dutyReminder = try o.object("duty_reminder")
        n.dutyReminderLeadHours = try dutyReminder.number("lead_hours", default: 24, range: 2...8760)
        let sheet = try o.object("producer_sheet")
        n.producerSheetLeadHours = try sheet.number("lead_hours", default: 24, range: 1...8760)
        let reminder = try o.object("order_reminder")
        n.orderReminderHoursBeforeClose = try reminder.number("hours_before_close", default: 24, range: 0...8760)
        let balance = try o.object("negative_balance")
        n.negativeBalanceThresholdCents = Int64(try balance.int("threshold_cents", default: 0, range: 0...100_000_000))
        n.negativeBalanceRepeatDays = try balance.number("repeat_days", default: 7, range: 1...365)
        let statement = try o.object("statement")
        n.statementDaysAfterEnd = try statement.int("days_after_end", default: 3, range: 0...365)
        for kind in ["change", "cancellation", "order_open", "order_summary", "relay", "relay_to_producer", "digest"] {
            _ = try o.object(kind)
        }
    }

    /// Whether `text` names example.org, example.com or example.net, or a host under them (RFC 2606).
    static func namesExampleDomain(_ text: String) -> Bool {
        let lower = Array(text.lowercased().utf8)
        for domain in ["example.org", "example.com", "example.net"] {
            let d = Array(domain.utf8)
            guard lower.count >= d.count else { continue }
            for start in 0...(lower.count - d.count) where Array(lower[start..<(start + d.count)]) == d {
                let before = start == 0 ? nil : lower[start - 1]
                let after = start + d.count == lower.count ? nil : lower[start + d.count]
                let opens = before.map { Array(".:/@".utf8).contains($0) } ?? true
                let closes = after.map { Array("/:?#".utf8).contains($0) } ?? true
                if opens && closes { return true }
            }
        }
        return false
    }

    private func parseSMTP(_ o: JSONObject, warnings: inout [String]) throws(ConfigError) -> (
        SMTPSettings, String?, Int
    ) {
        let url = try o.string("url", default: "smtp://127.0.0.1:25")
        let scheme = url.split(separator: ":").first.map(String.init) ?? ""
        guard scheme == "smtp" || scheme == "smtps" else {
            throw o.error("url", "must start with smtp:// or smtps://")
        }
        let tlsName = try o.string("tls", default: scheme == "smtps" ? "implicit" : "starttls")
        guard let tls = SMTPSettings.Security(rawValue: tlsName) else {
            throw o.error("tls", "must be starttls, implicit or none (got “\(tlsName)”)")
        }
        if (scheme == "smtps") != (tls == .implicit) {
            throw o.error("tls", "“\(tlsName)” does not match the URL scheme \(scheme)://")
        }
        let username = try o.string("username")
        var password = env["FACTEUR_SMTP_PASSWORD"]
        if let passwordFile = try o.string("password_file") {
            password = try readSecret(resolve(passwordFile), key: "smtp.password_file", object: o, warnings: &warnings)
        }
        if username != nil && password == nil {
            throw o.error(
                "password_file", "smtp.username is set but no password (password_file or FACTEUR_SMTP_PASSWORD)")
        }
        let envelope = try o.string("envelope_from")
        if let envelope, !EmailAddress.isValid(envelope) {
            throw o.error("envelope_from", "is not a valid address")
        }
        let timeout = try o.int("timeout_seconds", default: 60, range: 1...3600)
        let rate = try o.int("max_per_minute", default: 120, range: 0...1_000_000)
        let ca = try o.string("ca_file").map(resolve)
        if let ca, !FileManager.default.isReadableFile(atPath: ca) {
            throw o.error("ca_file", "\(ca) cannot be read")
        }
        let verify = try o.bool("verify_certificates", default: true)
        if !verify { warnings.append("smtp.verify_certificates is false: TLS certificates are not checked") }
        let domain = envelope.flatMap { $0.split(separator: "@").last.map(String.init) } ?? "localhost"
        let settings = SMTPSettings(
            url: url, security: tls, username: username, password: password, timeoutSeconds: timeout, caFile: ca,
            verifyCertificates: verify, heloDomain: domain)
        return (settings, envelope, rate)
    }

    private func parseRelay(_ o: JSONObject, warnings: inout [String]) throws(ConfigError)
        -> Configuration.RelaySettings
    {
        let moderation = try o.string("moderation", default: "unknown-senders")
        guard moderation == "unknown-senders" || moderation == "all" else {
            throw o.error("moderation", "must be unknown-senders or all")
        }
        let maxBytes = try o.int("max_bytes", default: 10 * 1024 * 1024, range: 1024...1_073_741_824)
        let authserv = try o.string("authserv_id")
        let imap = try o.object("imap")
        let imapURL = try imap.string("url")
        let imapUser = try imap.string("username")
        var imapPassword = env["FACTEUR_IMAP_PASSWORD"]
        if let f = try imap.string("password_file") {
            imapPassword = try readSecret(
                resolve(f), key: "relay.imap.password_file", object: imap, warnings: &warnings)
        }
        if let imapURL, !(imapURL.hasPrefix("imap://") || imapURL.hasPrefix("imaps://")) {
            throw imap.error("url", "must start with imap:// or imaps://")
        }
        let implicit = imapURL?.hasPrefix("imaps://") ?? false
        let tlsName = try imap.string("tls", default: implicit ? "implicit" : "starttls")
        guard let security = SMTPSettings.Security(rawValue: tlsName), (security == .implicit) == implicit else {
            throw imap.error("tls", "must be starttls or none for imap://, implicit for imaps:// (got “\(tlsName)”)")
        }
        var settings = Configuration.RelaySettings(
            moderation: moderation, maxBytes: maxBytes, authservID: authserv, imapURL: imapURL, imapUsername: imapUser,
            imapPassword: imapPassword)
        settings.imapSecurity = security
        return settings
    }

    /// Reads a secret file (first line); warns when others may read it. Its content never reaches an error.
    private func readSecret(_ path: String, key: String, object: JSONObject, warnings: inout [String])
        throws(ConfigError) -> String
    {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: file, key: key, problem: "\(path) cannot be read")
        }
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let mode = attributes[.posixPermissions] as? NSNumber, mode.intValue & 0o007 != 0
        {
            // Group-readable is how docs/operations.md installs it (640 root:facteur, for the daemon's group);
            // only others reading it is a leak.
            warnings.append("\(key): \(path) is readable by other users (chmod o-rwx it, or 640 root:facteur)")
        }
        let text = String(decoding: data, as: UTF8.self)
        return text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
    }
}
