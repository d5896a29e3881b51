import FacteurCore
import FacteurMail
import FacteurStore
import Foundation

/// `facteur relay receive|approve|reject`: the contract addresses' relay (DESIGN §5).
public struct RelayCommand: Command {
    public static let name = "relay"
    public static let summary = "relay receive [--recipient ADDR] | approve ID | reject ID"
    public static let help = """
        usage: facteur relay receive --config FILE [--recipient ADDR] [--now T]
               facteur relay approve ID --config FILE [--now T]
               facteur relay reject ID --config FILE [--now T]

        receive reads one message on standard input (a postfix `|command` alias) and stores it before it
        exits 0; the message is then relayed to the contract's subscribers, passed to the producer, or held
        for moderation. The recipient is --recipient, else the message's Delivered-To, To or Cc. Exits 65 for
        a message that cannot be parsed, 67 for an address that is no contract's relay_address, 75 when the
        database cannot be written (the MTA keeps the message and tries again: nothing is lost).
        approve relays a held message; reject discards it. --now T stamps the message or decision as if it
        were T.

        example: facteur relay receive --config /etc/facteur/facteur.json --recipient legumes@amap.example.org
        """

    enum Action: Sendable {
        case receive(recipient: String?)
        case approve(Int64)
        case reject(Int64)
    }

    var action: Action
    var now: String?

    public init(arguments: inout Arguments) throws(UsageError) {
        now = try arguments.option("--now")
        guard let verb = arguments.positional() else {
            throw UsageError("relay needs receive, approve ID or reject ID")
        }
        switch verb {
        case "receive":
            action = .receive(recipient: try arguments.option("--recipient"))
        case "approve", "reject":
            guard let text = arguments.positional(), let id = Int64(text) else {
                throw UsageError("relay \(verb) needs the number of a held message (see facteur status)")
            }
            action = verb == "approve" ? .approve(id) : .reject(id)
        default:
            throw UsageError("relay needs receive, approve ID or reject ID, not “\(verb)”")
        }
    }

    public func run(_ context: CommandContext) async throws {
        let configuration = try context.configuration()
        let templates = try TemplateLoader.load(folder: configuration.templates, language: configuration.language)
        let desk = RelayDesk(
            configuration: configuration, composer: NoticeComposer(templates: templates), logger: context.logger)
        let now = try TimeArgument.now(now, timeZone: configuration.timeZone)
        switch action {
        case .receive(let recipient):
            try await receive(
                recipient: recipient, desk: desk, configuration: configuration, context: context, now: now)
        case .approve(let id):
            let store = try Store(path: configuration.database)
            try await store.migrate()
            context.output(try await desk.approve(id, store: store, now: now))
            return
        case .reject(let id):
            let store = try Store(path: configuration.database)
            try await store.migrate()
            try await desk.reject(id, store: store, now: now)
            context.output("rejected")
            return
        }
    }

    /// Every failure that is not the message's fault exits 75, so the MTA keeps it and tries again.
    func receive(
        recipient: String?, desk: RelayDesk, configuration: Configuration, context: CommandContext, now: Date
    ) async throws {
        let raw = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
        guard !raw.isEmpty else {
            context.logger.error("relay-receive", ["error": "no message on standard input"])
            throw CommandFailure.noInput
        }
        do {
            let store = try Store(path: configuration.database)
            try await store.migrate()
            let outcome = try await desk.receive(raw, recipient: recipient, source: "pipe", store: store, now: now)
            // Exit 0 lets the MTA delete its copy: ours must survive a power loss first.
            try await store.syncToDisk()
            switch outcome {
            case .stored(let id, let state, let detail):
                context.output("stored as \(id): \(state) (\(detail))")
                return
            case .duplicate:
                context.output("already received: not relayed twice")
                return
            case .unknownRecipient:
                context.logger.error("relay-receive", ["error": "no contract has this relay address"])
                FileHandle.standardError.write(
                    Data("facteur: no contract's relay_address matches the recipient\n".utf8))
                throw CommandFailure.unknownRecipient
            }
        } catch let failure as CommandFailure {
            throw failure
        } catch let error as InboundParser.ParseError {
            FileHandle.standardError.write(Data("facteur: cannot parse the message: \(error)\n".utf8))
            throw CommandFailure.unparseableMessage
        } catch {
            FileHandle.standardError.write(Data("facteur: message not stored, try again later: \(error)\n".utf8))
            throw CommandFailure.notStored
        }
    }
}
