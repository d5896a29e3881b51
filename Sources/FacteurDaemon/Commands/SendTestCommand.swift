import FacteurCore
import FacteurMail
import FacteurStore
import FacteurTransport
import Foundation

/// `facteur send-test --to ADDR`: one message through the configured SMTP, outside the outbox.
public struct SendTestCommand: Command {
    public static let name = "send-test"
    public static let summary = "send one test message through the configured SMTP server"
    public static let help = """
        usage: facteur send-test --config FILE --to ADDR [--from ADDR] [--now T]

        Sends one short message to ADDR through smtp.url, and prints the server's reply. Exits 0 when the
        server accepted it, 69 when it refused it or could not be reached, 75 on a temporary failure.

        example: facteur send-test --config facteur.json --to moi@example.org
        """

    var to: String
    var from: String?
    var now: String?

    public init(arguments: inout Arguments) throws(UsageError) {
        guard let to = try arguments.option("--to") else { throw UsageError("send-test needs --to ADDR") }
        guard EmailAddress.isValid(to) else { throw UsageError("--to: not a valid address") }
        self.to = to
        from = try arguments.option("--from")
        now = try arguments.option("--now")
    }

    public func run(_ context: CommandContext) async throws {
        let configuration = try context.configuration()
        let templates = try TemplateLoader.load(
            folder: configuration.templates, language: configuration.language, kinds: [.test])
        // Sent as the first AMAP of the database would send (its address, its Facteur address as envelope), so
        // that the test proves what members will receive; `--from` or `smtp.envelope_from` otherwise.
        var first: Amap?
        if from == nil, FileManager.default.fileExists(atPath: configuration.database) {
            let store = try Store(path: configuration.database, mode: .readOnly)
            let zone = configuration.timeZone
            first = try? await store.read { db in try db.inbox.amaps(defaultTimeZone: zone).first }
        }
        let sender = from ?? first?.email ?? configuration.envelopeFrom ?? "facteur@localhost"
        let amap = first.map { Amap(id: 0, name: $0.name, email: $0.email, timeZone: $0.timeZone) }
            ?? Amap(id: 0, name: "Facteur", email: sender, timeZone: configuration.timeZone)
        let now = try TimeArgument.now(now, timeZone: configuration.timeZone)
        let messageID = MessageHeaders.messageID(for: NoticeKey(.test, .none), domain: amap.domain, token: Token.random())
        let message = TestMessageComposer.compose(
            templates: templates, amap: amap, to: to, smtpURL: configuration.smtp.url, messageID: messageID, date: now)
        let transport = SMTPTransport(settings: configuration.smtp)
        let result = await transport.send(
            from: configuration.envelopeFrom ?? (first?.facteurAddress ?? sender), to: to,
            message: message.rendered(seed: messageID))
        await transport.close()
        switch result.outcome {
        case .accepted(let code, let reply):
            context.output("accepted (\(code)): \(reply)")
            return
        case .temporary(let code, let reply):
            context.output("temporary failure (\(code)): \(reply)")
            throw CommandFailure.smtpDeferred
        case .permanent(let code, let reply):
            context.output("refused (\(code)): \(reply)")
            throw CommandFailure.smtpUnavailable
        case .uncertain(let detail), .unreachable(let detail), .systemic(_, let detail):
            context.output("not sent: \(detail)")
            throw CommandFailure.smtpUnavailable
        case .invalidAddress(let which):
            context.output("not sent: invalid \(which) address")
            throw CommandFailure.invalidAddress
        }
    }
}
