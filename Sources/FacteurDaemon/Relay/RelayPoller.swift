import FacteurCore
import FacteurMail
import FacteurStore
import FacteurTransport
import Foundation

/// Polls the relay mailbox (`relay.imap`): each new UID is fetched without marking it seen, stored and
/// routed, then its position recorded and the message flagged `\Seen`. A crash anywhere in between only
/// causes a re-fetch, which the inbound dedupe (recipient + Message-ID) turns into nothing.
public struct RelayPoller: Sendable {
    public var desk: RelayDesk
    public var mailbox: IMAPMailbox
    public var logger: Logger
    /// Messages handled per poll, so one poll never runs for long.
    public var batch = 100

    public init(desk: RelayDesk, mailbox: IMAPMailbox, logger: Logger) {
        self.desk = desk
        self.mailbox = mailbox
        self.logger = logger
    }

    /// Returns how many messages were taken in.
    @discardableResult
    public func poll(store: Store, now: Date) async throws -> Int {
        let name = mailbox.mailbox
        let validity = try await mailbox.uidValidity()
        let position = try await store.read { try $0.inbox.imapPosition(mailbox: name) }
        var last: Int64 = 0
        if let position, position.uidValidity == validity {
            last = position.lastUID
        } else if position != nil {
            // The mailbox was recreated: every UID is new. Already-stored messages are recognised by
            // their Message-ID and not relayed again.
            logger.warning(
                "imap-resync",
                ["mailbox": name, "old_uidvalidity": "\(position!.uidValidity)", "uidvalidity": "\(validity)"])
        }
        var taken = 0
        for uid in try await mailbox.uids(after: last).prefix(batch) {
            let raw = try await mailbox.fetch(uid: uid)
            do {
                let outcome = try await desk.receive(
                    raw, recipient: nil, source: "imap", imap: (validity, uid), store: store, now: now)
                if outcome == .unknownRecipient {
                    logger.warning("imap-skipped", ["uid": "\(uid)", "reason": "no contract has this relay address"])
                }
            } catch let error as FacteurMail.InboundParser.ParseError {
                logger.warning("imap-skipped", ["uid": "\(uid)", "reason": "\(error)"])
            }
            try await store.write {
                try $0.inbox.setIMAPPosition(mailbox: name, uidValidity: validity, lastUID: uid)
            }
            // Durable before acknowledged: the stored copy must survive a power loss before the
            // mailbox forgets the message is new.
            try await store.syncToDisk()
            try await mailbox.markSeen(uid: uid)
            taken += 1
        }
        return taken
    }
}
