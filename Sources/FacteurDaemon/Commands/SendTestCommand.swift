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
        usage: facteur send-test --config FILE --to ADDR [--amap NAME] [--from ADDR] [--now T]

        Sends one short message to ADDR through smtp.url, as an AMAP of the database sends its notices (its
        address in From, its Facteur address as the envelope sender, unless smtp.envelope_from is set), and
        prints the server's reply. With several AMAPs, --amap NAME chooses one (else the first, and the
        others are named). Exits 0 when the server accepted it, 69 when it refused it or could not be
        reached, 75 on a temporary failure, 64 when --amap names no AMAP or the database holds none yet (then
        give --from ADDR), 65 when an address is unusable.

        example: facteur send-test --config facteur.json --to moi@example.org
        """

    var to: String
    var from: String?
    var amapName: String?
    var now: String?

    public init(arguments: inout Arguments) throws(UsageError) {
        guard let to = try arguments.option("--to") else { throw UsageError("send-test needs --to ADDR") }
        guard EmailAddress.isValid(to) else { throw UsageError("--to: not a valid address") }
        self.to = to
        from = try arguments.option("--from")
        amapName = try arguments.option("--amap")
        now = try arguments.option("--now")
    }

    public func run(_ context: CommandContext) async throws {
        let configuration = try context.configuration()
        let templates = try TemplateLoader.load(
            folder: configuration.templates, language: configuration.language, kinds: [.test])
        let fr = configuration.language == .fr
        // Sent as an AMAP of the database sends (its address, its Facteur address as envelope), so that the
        // test proves what members will receive; `--from` or `smtp.envelope_from` otherwise.
        var amaps: [Amap] = []
        if FileManager.default.fileExists(atPath: configuration.database) {
            let store = try Store(path: configuration.database, mode: .readOnly)
            let zone = configuration.timeZone
            amaps = try await store.read { db in try db.inbox.amaps(defaultTimeZone: zone) }
        }
        var first = amaps.first
        if let amapName {
            let wanted = amapName.lowercased()
            guard let chosen = amaps.first(where: { $0.name.lowercased() == wanted }) else {
                let known =
                    amaps.prefix(5).map { "« \($0.name) »" }.joined(separator: ", ")
                    + (amaps.count > 5 ? (fr ? " et \(amaps.count - 5) autres" : " and \(amaps.count - 5) others") : "")
                throw UsageError(
                    fr
                        ? "--amap : aucune AMAP ne s'appelle « \(amapName) »\(known.isEmpty ? "" : " (il y a : \(known))")"
                        : "--amap: no AMAP is named “\(amapName)”\(known.isEmpty ? "" : " (there are: \(known))")")
            }
            first = chosen
        } else if from != nil {
            first = nil
        }
        if let first, from == nil {
            // A network's others: the first five, then how many more.
            let all = amaps.filter { $0.id != first.id }.map { "« \($0.name) »" }
            var others = Array(all.prefix(5))
            if all.count > 5 { others.append(fr ? "et \(all.count - 5) autres" : "and \(all.count - 5) others") }
            context.output(
                fr
                    ? "envoi au nom de l'AMAP « \(first.name) » <\(first.email)>"
                        + (others.isEmpty
                            ? "" : " (la première ; --amap NOM pour une autre : \(others.joined(separator: ", ")))")
                    : "sending as the AMAP “\(first.name)” <\(first.email)>"
                        + (others.isEmpty
                            ? "" : " (the first; --amap NAME for another: \(others.joined(separator: ", ")))"))
        }
        // Right after `init` the database holds no AMAP yet: say what to do rather than send from a made-up address.
        guard let sender = from ?? first?.email ?? configuration.envelopeFrom else {
            throw UsageError(
                fr
                    ? "aucune AMAP dans la base pour signer l'essai : ajoutez la vôtre (table amap, ou facteur import), "
                        + "ou donnez l'expéditeur avec --from ADRESSE"
                    : "no AMAP in the database to send the test as: add yours (the amap table, or facteur import), "
                        + "or give the sender with --from ADDR")
        }
        let amap =
            first.map { Amap(id: 0, name: $0.name, email: $0.email, timeZone: $0.timeZone) }
            ?? Amap(id: 0, name: "Facteur", email: sender, timeZone: configuration.timeZone)
        let now = try TimeArgument.now(now, timeZone: configuration.timeZone)
        let messageID = MessageHeaders.messageID(
            for: NoticeKey(.test, .none), domain: amap.domain, token: Token.random())
        let message = TestMessageComposer.compose(
            templates: templates, amap: amap, to: to, smtpURL: configuration.smtp.url, messageID: messageID, date: now)
        let transport = SMTPTransport(settings: configuration.smtp)
        let result = await transport.send(
            from: configuration.envelopeFrom ?? (first?.facteurAddress ?? sender), to: to,
            message: message.rendered(seed: messageID))
        await transport.close()
        switch result.outcome {
        case .accepted(let code, let reply):
            context.output(fr ? "accepté (\(code)) : \(reply)" : "accepted (\(code)): \(reply)")
            return
        case .temporary(let code, let reply):
            context.output(
                fr ? "échec temporaire (\(code)) : \(reply)" : "temporary failure (\(code)): \(reply)")
            throw CommandFailure.smtpDeferred
        case .permanent(let code, let reply):
            context.output(fr ? "refusé (\(code)) : \(reply)" : "refused (\(code)): \(reply)")
            throw CommandFailure.smtpUnavailable
        case .uncertain(let detail), .unreachable(let detail), .systemic(_, let detail):
            context.output(fr ? "pas envoyé : \(detail)" : "not sent: \(detail)")
            throw CommandFailure.smtpUnavailable
        case .invalidAddress(let which):
            context.output(
                fr
                    ? "pas envoyé : adresse \(which == "recipient" ? "du destinataire" : "d'expéditeur") invalide"
                    : "not sent: invalid \(which) address")
            throw CommandFailure.invalidAddress
        }
    }
}
