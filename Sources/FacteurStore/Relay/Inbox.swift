import FacteurCore
import Foundation

/// The relay's storage: inbound messages, contract routes by relay address, opt-outs, bounces, IMAP positions.
public struct Inbox {
    let db: SQLiteConnection

    public init(_ db: SQLiteConnection) { self.db = db }

    /// Stores a message; returns its id, or nil when the same message is already stored.
    public func insert(_ m: NewInbound, state: InboundState, reason: String?, now: Date) throws -> Int64? {
        let changed = try db.run(
            """
            INSERT INTO facteur_inbound (received_at, source, recipient, sender, sender_name, subject, message_id, dedupe,
                raw, size, contract_id, state, reason, imap_uidvalidity, imap_uid, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe) DO NOTHING
            """,
            [
                Outbox.seconds(now), m.source, m.recipient, m.sender, m.senderName, m.subject, m.messageID, m.dedupe,
                SQLValue.blob(m.raw), m.raw.count, m.contractID, state, reason, m.imapUIDValidity, m.imapUID,
                Outbox.seconds(now),
            ] as [SQLBindable])
        return changed == 0 ? nil : db.lastInsertRowID
    }

    public func setState(_ id: Int64, state: InboundState, reason: String?, now: Date) throws {
        try db.run(
            "UPDATE facteur_inbound SET state = ?, reason = ?, updated_at = ? WHERE id = ?",
            [state, reason, Outbox.seconds(now), id])
    }

    public func record(_ id: Int64) throws -> InboundRecord? {
        try db.firstRow(Inbox.select + " WHERE id = ?", [id]).map(Inbox.record)
    }

    public func held() throws -> [InboundRecord] {
        try db.rows(Inbox.select + " WHERE state = ? ORDER BY id", [InboundState.held]).map(Inbox.record)
    }

    static let select = """
        SELECT id, received_at, source, recipient, sender, sender_name, subject, message_id, raw, size, contract_id,
            state, reason FROM facteur_inbound
        """

    static func record(_ r: Row) -> InboundRecord {
        InboundRecord(
            id: r.int64(0) ?? 0, receivedAt: Outbox.date(r.int64(1)), source: r.text(2) ?? "",
            recipient: r.text(3) ?? "",
            sender: r.text(4) ?? "", senderName: r.text(5) ?? "", subject: r.text(6) ?? "", messageID: r.text(7),
            raw: r.blob(8) ?? [], size: r.int(9) ?? 0, contractID: r.int64(10),
            state: r.text(11).flatMap(InboundState.init(rawValue:)) ?? .ignored,
            reason: r.text(12))
    }

    /// Every relay address in the database, lower-cased (to recognise our own mail coming back).
    public func relayAddresses() throws -> Set<String> {
        Set(
            try db.rows("SELECT lower(relay_address) FROM contract WHERE relay_address IS NOT NULL").compactMap {
                $0.text(0)
            })
    }

    /// The contract whose relay_address this is (case-insensitive), with its people.
    /// Of several contracts with the address, the first whose row is usable, as the schedule reader decides.
    public func route(forAddress address: String, defaultTimeZone: TimeZone) throws -> RelayRoute? {
        let rows = try db.rows(
            """
            SELECT \(PublishedRows.contractColumns) FROM contract
            WHERE lower(relay_address) = lower(?) ORDER BY id
            """, [address])
        if let usable = rows.first(where: { PublishedRows.contract($0).value != nil }) {
            return try route(usable, defaultTimeZone: defaultTimeZone)
        }
        return try rows.first.flatMap { try route($0, defaultTimeZone: defaultTimeZone) }
    }

    /// The same for a contract named by id (a relay token names its contract).
    public func route(forContract id: Int64, defaultTimeZone: TimeZone) throws -> RelayRoute? {
        guard
            let c = try db.firstRow(
                "SELECT \(PublishedRows.contractColumns) FROM contract WHERE id = ?", [id])
        else { return nil }
        return try route(c, defaultTimeZone: defaultTimeZone)
    }

    /// Members are read as the planner reads them (who is active, whose address is usable). A contract or an
    /// AMAP row the planner skips (dates that are no dates, an unknown time zone) still routes its relay address,
    /// read leniently: mail people write is never lost over a row a coordinator must fix.
    private func route(_ c: Row, defaultTimeZone: TimeZone) throws -> RelayRoute? {
        guard let contract = PublishedRows.contract(c).value ?? PublishedRows.lenientContract(c),
            let a = try db.firstRow("SELECT \(PublishedRows.amapColumns) FROM amap WHERE id = ?", [contract.amapID]),
            let amap = PublishedRows.amap(a, defaultTimeZone: defaultTimeZone).value
                ?? PublishedRows.lenientAmap(a, defaultTimeZone: defaultTimeZone)
        else { return nil }
        let producer = try db.firstRow(
            "SELECT \(PublishedRows.producerColumns) FROM producer WHERE id = ?", [contract.producerID]
        ).flatMap { PublishedRows.producer($0).value }
        let coordinator = try contract.coordinatorID.flatMap { try member($0) }
        let subscribers = try db.rows(
            """
            SELECT m.id, m.amap_id, m.name, m.email, m.phone, m.active FROM member m
            JOIN subscription s ON s.member_id = m.id WHERE s.contract_id = ? ORDER BY m.id
            """, [contract.id]
        ).compactMap { PublishedRows.member($0).value }.filter { $0.active && $0.email != nil }
        let optedOut = Set(
            try db.rows(
                """
                SELECT p.member_id FROM preference p JOIN subscription s ON s.member_id = p.member_id
                WHERE s.contract_id = ? AND p.kind = ?
                UNION SELECT member_id FROM facteur_relay_optout WHERE contract_id = ?
                """, [contract.id, NoticeKind.relay, contract.id]
            ).compactMap { $0.int64(0) })
        return RelayRoute(
            contract: contract, amap: amap, producer: producer, coordinator: coordinator, subscribers: subscribers,
            optedOut: optedOut)
    }

    /// `preference` row: the member receives no more notices of that kind.
    public func optOut(member: Int64, kind: NoticeKind) throws {
        try db.run("INSERT OR IGNORE INTO preference (member_id, kind) VALUES (?, ?)", [member, kind.rawValue])
    }

    /// The member receives that kind again.
    public func optIn(member: Int64, kind: NoticeKind) throws {
        try db.run("DELETE FROM preference WHERE member_id = ? AND kind = ?", [member, kind.rawValue])
    }

    /// One contract's relayed messages stop for this member (the others go on).
    public func optOutOfRelay(member: Int64, contract: Int64, now: Date) throws {
        try db.run(
            "INSERT OR IGNORE INTO facteur_relay_optout (member_id, contract_id, since) VALUES (?, ?, ?)",
            [member, contract, Outbox.seconds(now)])
    }

    /// One contract's relayed messages come again (and a global `relay` opt-out no longer stops them).
    public func optInToRelay(member: Int64, contract: Int64) throws {
        try db.run("DELETE FROM facteur_relay_optout WHERE member_id = ? AND contract_id = ?", [member, contract])
        try db.run("DELETE FROM preference WHERE member_id = ? AND kind = ?", [member, NoticeKind.relay])
    }

    /// The kinds this member refuses, and the contracts whose relay they refuse.
    public func preferences(member: Int64) throws -> (kinds: Set<NoticeKind>, relayContracts: Set<Int64>) {
        let kinds = Set(
            try db.rows("SELECT kind FROM preference WHERE member_id = ?", [member]).compactMap {
                $0.text(0).flatMap(NoticeKind.init(rawValue:))
            })
        let contracts = Set(
            try db.rows("SELECT contract_id FROM facteur_relay_optout WHERE member_id = ?", [member]).compactMap {
                $0.int64(0)
            })
        return (kinds, contracts)
    }

    /// A member by id, as the relay reads them (address validated).
    public func member(_ id: Int64) throws -> Member? {
        try db.firstRow("SELECT \(PublishedRows.memberColumns) FROM member WHERE id = ?", [id]).flatMap {
            PublishedRows.member($0).value
        }
    }

    /// The contracts a member subscribes to that have a relay address: (id, name).
    public func relayContracts(member: Int64) throws -> [(id: Int64, name: String)] {
        try db.rows(
            """
            SELECT c.id, c.name FROM contract c JOIN subscription s ON s.contract_id = c.id
            WHERE s.member_id = ? AND c.relay_address IS NOT NULL AND c.relay_address != '' ORDER BY c.name
            """, [member]
        ).map { ($0.int64(0) ?? 0, $0.text(1) ?? "") }
    }

    /// Every AMAP as the relay reads it (its Facteur address is derived from `email`).
    public func amaps(defaultTimeZone: TimeZone) throws -> [Amap] {
        try db.rows("SELECT \(PublishedRows.amapColumns) FROM amap ORDER BY id").compactMap {
            PublishedRows.amap($0, defaultTimeZone: defaultTimeZone).value
        }
    }

    /// The AMAP whose Facteur address this is (case-insensitive).
    public func amap(forFacteurAddress address: String, defaultTimeZone: TimeZone) throws -> Amap? {
        let wanted = address.lowercased()
        return try amaps(defaultTimeZone: defaultTimeZone).first { $0.facteurAddress.lowercased() == wanted }
    }

    /// The coordinator of a contract, when it has one with an address.
    public func coordinator(ofContract id: Int64) throws -> Member? {
        guard let row = try db.firstRow("SELECT coordinator_id FROM contract WHERE id = ?", [id]),
            let coordinator = row.int64(0)
        else { return nil }
        return try member(coordinator)
    }

    /// The rows of a bounce's Message-ID, within its key's span (`NoticeKey.MessageIDSpan`: exactly, from, before).
    static let bouncedRows =
        "SELECT id, key FROM facteur_outbox WHERE (key = ? OR (key >= ? AND key < ?)) AND message_id = ?"

    /// A bounce for one of our messages: the outbox row becomes `failed` with the reported status.
    /// Returns the keys marked.
    public func markBounced(messageIDs: [String], reason: String, now: Date) throws -> [String] {
        var keys: [String] = []
        for id in Set(messageIDs) {
            // Through the key's index (migration 20 dropped the Message-IDs' own): one subject's rows at most, so a
            // flood of forged reports costs no scan of the outbox.
            guard let span = NoticeKey.span(ofMessageID: id) else { continue }
            for row in try db.rows(Self.bouncedRows, [span.exactly, span.from, span.before, id]) {
                try db.run(
                    "UPDATE facteur_outbox SET state = ?, smtp_code = NULL, last_error = ?, updated_at = ? WHERE id = ?",
                    [OutboxState.failed, reason, Outbox.seconds(now), row.int64(0)])
                keys.append(row.text(1) ?? "")
            }
        }
        return keys
    }

    public func imapPosition(mailbox: String) throws -> (uidValidity: Int64, lastUID: Int64)? {
        try db.firstRow("SELECT uidvalidity, last_uid FROM facteur_imap WHERE mailbox = ?", [mailbox]).map {
            ($0.int64(0) ?? 0, $0.int64(1) ?? 0)
        }
    }

    public func setIMAPPosition(mailbox: String, uidValidity: Int64, lastUID: Int64) throws {
        try db.run(
            """
            INSERT INTO facteur_imap (mailbox, uidvalidity, last_uid) VALUES (?, ?, ?)
            ON CONFLICT (mailbox) DO UPDATE SET uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid
            """, [mailbox, uidValidity, lastUID])
    }

    /// Whether a message with this Message-ID has already been stored for any relay address (IMAP resync).
    public func hasMessage(id: String) throws -> Bool {
        try db.firstRow("SELECT 1 FROM facteur_inbound WHERE message_id = ? LIMIT 1", [id]) != nil
    }
}
