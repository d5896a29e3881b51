import Foundation

/// RGPD erasure in Facteur's own tables. Rows are kept (their kind, state and times make the counts of
/// `status` and the digest), but every address, name, rendered body and inbound copy of the member goes;
/// freed pages are zeroed (`secure_delete`) so the bytes do not linger in the database file.
struct MemberForgetting {
    let db: SQLiteConnection

    static let placeholder = "forgotten"

    func forget(_ request: ForgetRequest, now: Date) throws -> ForgetSummary {
        var summary = ForgetSummary()
        let t = Outbox.seconds(now)
        try db.execute("PRAGMA secure_delete = ON")
        defer { try? db.execute("PRAGMA secure_delete = OFF") }
        try db.writeTransaction {
            let ids = try addressedRows(request)
            for id in ids {
                // Nothing more is sent to a forgotten member: pending rows end as expired.
                summary.withdrawnRows += try db.run(
                    """
                    UPDATE facteur_outbox SET state = ?, last_error = 'withdrawn: member forgotten',
                        updated_at = ? WHERE id = ? AND state IN (?, ?, ?)
                    """, [OutboxState.expired, t, id, OutboxState.queued, OutboxState.sending, OutboxState.uncertain])
                summary.addressedRows += try db.run(
                    """
                    UPDATE facteur_outbox SET recipient = ?, recipient_name = '', has_body = 0,
                        last_error = CASE WHEN last_error IS NULL THEN NULL ELSE 'forgotten' END WHERE id = ?
                    """, [Self.placeholder, id])
                try db.run("DELETE FROM facteur_outbox_body WHERE outbox_id = ?", [id])
            }
            summary.mentioningBodies = try scrubMentions(request, skipping: Set(ids), now: t)
            summary.inboundMessages = try scrubInbound(request, now: t)
            summary.reports = try db.run(
                "DELETE FROM facteur_report WHERE subject = ?", ["member/\(request.memberID)"])
            for address in request.addresses {
                summary.reports += try db.run(
                    "DELETE FROM facteur_report WHERE instr(lower(detail), ?) > 0", [address.lowercased()])
            }
            summary.debts = try db.run("DELETE FROM facteur_debt WHERE member_id = ?", [request.memberID])
            summary.feeds = try db.run("DELETE FROM facteur_feed WHERE member_id = ?", [request.memberID])
            summary.orphanBodies = try db.run(
                "DELETE FROM facteur_outbox_body WHERE outbox_id NOT IN (SELECT id FROM facteur_outbox)")
        }
        // Rebuilding the file drops free pages, including what other tools deleted without zeroing
        // (the member row itself); the checkpoint then empties the write-ahead log.
        try db.execute("VACUUM")
        let checkpoint = try db.firstRow("PRAGMA wal_checkpoint(TRUNCATE)")
        summary.walTruncated = (checkpoint?.int(0) ?? 0) == 0
        return summary
    }

    private func addressedRows(_ request: ForgetRequest) throws -> [Int64] {
        var ids = Set(
            try db.rows("SELECT id FROM facteur_outbox WHERE member_id = ?", [request.memberID]).compactMap {
                $0.int64(0)
            })
        for address in request.addresses {
            for row in try db.rows(
                "SELECT id FROM facteur_outbox WHERE recipient = ? COLLATE NOCASE", [address])
            {
                if let id = row.int64(0) { ids.insert(id) }
            }
        }
        return ids.sorted()
    }

    /// Other members' messages that name this one (a digest listing a failed address, a volunteer list,
    /// an order summary). A delivered copy loses its body; a pending one that carries the address is
    /// withdrawn; a pending one that only names the member goes out as planned (its body is purged
    /// after delivery by the retention rule).
    private func scrubMentions(_ request: ForgetRequest, skipping: Set<Int64>, now: Int64) throws -> Int {
        var delivered: [Int64] = []
        var pendingWithAddress: [Int64] = []
        let addressNeedles = request.addresses.map { Array($0.lowercased().utf8) }
        func search(_ body: [UInt8]) -> (mentions: Bool, hasAddress: Bool) {
            let text = ByteSearch.unfoldingSoftBreaks(body)
            let lowered = ByteSearch.asciiLowercased(text)
            let hasAddress = addressNeedles.contains { ByteSearch.contains(lowered, $0) }
            return (hasAddress || request.needles.contains { ByteSearch.contains(text, $0) }, hasAddress)
        }
        // A base naming the member (as a volunteer on duty) goes: the bodies stored against it that stay are
        // written whole first (`BodyDelta`).
        var namingBases = Set<Int64>()
        try db.forEachRow("SELECT id, body FROM facteur_outbox_base") { row in
            if let id = row.int64(0), let body = row.blob(1), search(body).mentions { namingBases.insert(id) }
        }
        var writtenWhole: [(id: Int64, body: [UInt8])] = []
        try db.forEachRow(
            """
            SELECT o.id, o.state, \(Outbox.storedBodyColumns)
            FROM facteur_outbox_body b JOIN facteur_outbox o ON o.id = b.outbox_id \(Outbox.storedBodyBase)
            """
        ) { row in
            guard let id = row.int64(0), !skipping.contains(id) else { return }
            let state = row.text(1) ?? ""
            let pending = ["queued", "sending", "uncertain"].contains(state)
            // A body that cannot be rebuilt can never be sent: its own bytes (a delta holds what is the recipient's
            // as it is) and what is left of its base are searched, and it goes if either names the member.
            guard let body = Outbox.storedBody(row, at: 2) else {
                let mentions = search(row.blob(2) ?? []).mentions || search(row.blob(4) ?? []).mentions
                if mentions { if pending { pendingWithAddress.append(id) } else { delivered.append(id) } }
                return
            }
            let found = search(body)
            if found.mentions, !pending {
                delivered.append(id)
            } else if found.hasAddress {
                pendingWithAddress.append(id)
            } else if let base = row.int64(3), namingBases.contains(base) {
                writtenWhole.append((id, body))
            }
        }
        for (id, body) in writtenWhole {
            try db.run(
                """
                UPDATE facteur_outbox_body SET body = ?, base_id = NULL, length = NULL, fingerprint = NULL
                WHERE outbox_id = ?
                """, [body, id])
        }
        for id in delivered + pendingWithAddress {
            try db.run("DELETE FROM facteur_outbox_body WHERE outbox_id = ?", [id])
        }
        for id in namingBases { try db.run("DELETE FROM facteur_outbox_base WHERE id = ?", [id]) }
        for id in delivered { try db.run("UPDATE facteur_outbox SET has_body = 0 WHERE id = ?", [id]) }
        for id in pendingWithAddress {
            try db.run(
                """
                UPDATE facteur_outbox SET has_body = 0, state = ?, updated_at = ?,
                    last_error = 'withdrawn: it named a forgotten member' WHERE id = ?
                """, [OutboxState.expired, now, id])
        }
        return delivered.count + pendingWithAddress.count
    }

    /// Inbound copies sent by the member or mentioning them: the raw message, sender and subject go;
    /// a message still waiting for moderation is rejected.
    private func scrubInbound(_ request: ForgetRequest, now: Int64) throws -> Int {
        var ids: [Int64] = []
        let addressNeedles = request.addresses.map { Array($0.lowercased().utf8) }
        try db.forEachRow("SELECT id, sender, raw FROM facteur_inbound WHERE length(raw) > 0 OR sender != ''") {
            row in
            guard let id = row.int64(0) else { return }
            let sender = (row.text(1) ?? "").lowercased()
            let raw = ByteSearch.asciiLowercased(ByteSearch.unfoldingSoftBreaks(row.blob(2) ?? []))
            if request.addresses.contains(where: { $0.lowercased() == sender })
                || addressNeedles.contains(where: { ByteSearch.contains(raw, $0) })
            {
                ids.append(id)
            }
        }
        for id in ids {
            try db.run(
                """
                UPDATE facteur_inbound SET raw = X'', sender = '', sender_name = '', subject = '',
                    reason = 'forgotten', updated_at = ?,
                    state = CASE WHEN state IN (?, ?) THEN ? ELSE state END
                WHERE id = ?
                """, [now, InboundState.held, InboundState.received, InboundState.rejected, id])
        }
        return ids.count
    }
}
