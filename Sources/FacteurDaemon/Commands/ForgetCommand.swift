import FacteurMail
import FacteurStore
import Foundation

/// `facteur forget --member ID`: the RGPD right to erasure, for Facteur's own tables.
public struct ForgetCommand: Command {
    public static let name = "forget"
    public static let summary = "erase a member's personal data from Facteur's own tables (RGPD)"
    public static let help = """
        usage: facteur forget --config FILE --member ID [--address ADDR]… [--now T]

        Removes member ID's address, name and every stored copy of mail to, from or about them from
        Facteur's own tables (rendered messages in the outbox, relayed and held inbound messages, reports,
        the debt ledger). Rows stay with their kind and state, so counts in status and the digest still add
        up; nothing more is sent to them. Freed space is zeroed. The member's row in the member table
        belongs to your management tool: delete or anonymise it there, or Facteur will plan mail for them
        again. --address adds an address the member used that is no longer in the member table.
        Exits 0 with a summary, 66 when nothing is known of that member.

        example: facteur forget --config /etc/facteur/facteur.json --member 42
        """

    var memberID: Int64
    var extraAddresses: [String]
    var now: String?

    public init(arguments: inout Arguments) throws(UsageError) {
        guard let text = try arguments.option("--member") else { throw UsageError("--member ID is required") }
        guard let id = Int64(text), id > 0 else { throw UsageError("--member needs a member id (got “\(text)”)") }
        memberID = id
        var extra: [String] = []
        while let address = try arguments.option("--address") { extra.append(address) }
        extraAddresses = extra
        now = try arguments.option("--now")
    }

    public func run(_ context: CommandContext) async throws {
        let configuration = try context.configuration()
        let store = try Store(path: configuration.database)
        try await store.requireCurrentSchema()
        let row = try await store.read { db in try db.member(memberID) }
        let known = try await store.read { db in try db.outboxIdentities(of: memberID) }
        var addresses = Set(known.addresses.map { $0.lowercased() })
        addresses.formUnion(extraAddresses.map { $0.lowercased() })
        if let email = row?.email, !email.isEmpty { addresses.insert(email.lowercased()) }
        var names = Set(known.names)
        if let name = row?.name, !name.isEmpty { names.insert(name) }
        guard row != nil || !addresses.isEmpty else {
            context.output("member \(memberID): nothing known (no member row, no message)")
            throw CommandFailure.noInput
        }
        let request = ForgetRequest(
            memberID: memberID, addresses: addresses.sorted(), needles: Self.needles(names: names, addresses: addresses)
        )
        let summary = try await store.writeWithoutTransaction { db in
            try db.forget(request, now: try TimeArgument.now(now, timeZone: configuration.timeZone))
        }
        context.logger.info(
            "member-forgotten",
            [
                "member": "\(memberID)", "outbox_rows": "\(summary.addressedRows)",
                "inbound": "\(summary.inboundMessages)",
            ])
        context.output(
            """
            member \(memberID) forgotten: \(summary.addressedRows) outbox message(s) to them emptied \
            (\(summary.withdrawnRows) not yet sent, now withdrawn), \(summary.mentioningBodies) other message(s) \
            naming them emptied or withdrawn, \(summary.inboundMessages) inbound message(s), \(summary.reports) \
            report(s), \(summary.debts) debt record(s) removed.
            """)
        if summary.orphanBodies > 0 {
            context.output(
                "note: \(summary.orphanBodies) message bod\(summary.orphanBodies == 1 ? "y" : "ies") left by outbox rows deleted outside Facteur removed"
            )
        }
        if !summary.walTruncated {
            context.output(
                "note: another process was reading the database; old pages leave the -wal file at its next checkpoint")
        }
        if let row, row.email != nil {
            context.output(
                "note: the member row \(memberID) still has an address in the member table: delete or anonymise it in your management tool"
            )
        }
        return
    }

    /// The forms a name or an address takes inside a stored message: as is, HTML-escaped, and
    /// quoted-printable (soft breaks are unfolded by the store before searching).
    static func needles(names: Set<String>, addresses: Set<String>) -> [[UInt8]] {
        var forms = Set<String>()
        for text in names.union(addresses) where text.count >= 3 {
            for variant in [text, HTMLEscaping.escape(text)] {
                forms.insert(variant)
                forms.insert(QuotedPrintable.encode(variant).replacingOccurrences(of: "=\r\n", with: ""))
            }
        }
        return forms.sorted().map { Array($0.utf8) }
    }
}
