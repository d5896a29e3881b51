import FacteurCore
import FacteurMail
import FacteurStore
import Foundation

/// `facteur cgi`: the https side of unsubscribing (DESIGN §4), a CGI/1.1 program (RFC 3875) the AMAP's web
/// server runs. `POST` with `List-Unsubscribe=One-Click` (RFC 8058) opts out at once and answers 200 with no
/// page; `GET` shows a confirm button and the member's preferences (a GET changes nothing: mail scanners
/// follow links); the page's own `POST`s confirm or save. Every change is confirmed by mail, like a request
/// by mail. A bad or altered token gets a clear page and changes nothing.
public struct CGICommand: Command {
    public static let name = "cgi"
    public static let summary = "the unsubscribe and preferences page, as a CGI program for your web server"
    public static let help = """
        usage: facteur cgi --config FILE            (run by the web server, with CGI/1.1 variables)

        Reads REQUEST_METHOD, QUERY_STRING (t=TOKEN), CONTENT_LENGTH and the request body, and writes a CGI
        response. Point unsubscribe.url at it. With lighttpd, a one-line wrapper script is the CGI program:
          #!/bin/sh
          exec /usr/local/bin/facteur cgi --config /etc/facteur/facteur.json
        See docs/operations.md for the lighttpd and apache2 recipes.

        example: REQUEST_METHOD=GET QUERY_STRING='t=u.7.announcement.…' facteur cgi --config facteur.json
        """

    var now: String?

    public init(arguments: inout Arguments) throws(UsageError) {
        now = try arguments.option("--now")
    }

    public func run(_ context: CommandContext) async throws {
        let environment = ProcessInfo.processInfo.environment
        let method = (environment["REQUEST_METHOD"] ?? "GET").uppercased()
        var fields = Self.form(environment["QUERY_STRING"] ?? "")
        if method == "POST" {
            let length = min(Int(environment["CONTENT_LENGTH"] ?? "") ?? 0, 65_536)
            let body = length > 0 ? FileHandle.standardInput.readData(ofLength: length) : Data()
            for (key, values) in Self.form(String(decoding: body, as: UTF8.self)) { fields[key, default: []] += values }
        } else if method != "GET" && method != "HEAD" {
            Self.respond(status: "405 Method Not Allowed", type: "text/plain", body: "GET or POST only\n")
            return
        }
        let configuration = try context.configuration()
        let language = configuration.language
        let store = try Store(path: configuration.database)
        try await store.requireCurrentSchema()
        let signer = try await TokenSigner.load(store)
        let token = fields["t"]?.first ?? ""
        // Unsubscribe tokens of notices (u.) and of relayed messages (r.) open the page; others do not.
        let claim = signer.verify(token)
        switch claim {
        case .unsubscribe?, .relay?: break
        default: return invalid(language: language)
        }
        guard let claim else { return invalid(language: language) }
        try await serve(
            claim: claim, token: token, method: method, fields: fields, store: store, signer: signer,
            configuration: configuration, context: context)
    }

    private func invalid(language: Language) {
        let page = PreferencesPage.render(
            .init(amapName: "", memberName: "", token: "", state: .invalid, choices: []), language: language)
        Self.respond(status: "400 Bad Request", type: "text/html; charset=utf-8", body: page)
    }

    static func respond(status: String, type: String, body: String) {
        let head =
            "Status: \(status)\r\nContent-Type: \(type)\r\nCache-Control: no-store\r\nX-Robots-Tag: noindex\r\n"
            + "Referrer-Policy: no-referrer\r\nContent-Security-Policy: default-src 'none'; style-src 'unsafe-inline'; form-action 'self'\r\n\r\n"
        FileHandle.standardOutput.write(Data((head + body).utf8))
    }

    /// `application/x-www-form-urlencoded`: `+` is a space, `%XX` a byte; repeated keys keep every value.
    static func form(_ text: String) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
            }
            guard let key = parts.first else { continue }
            result[decode(key), default: []].append(parts.count > 1 ? decode(parts[1]) : "")
        }
        return result
    }
}
