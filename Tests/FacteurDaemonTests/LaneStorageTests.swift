import FacteurCore
import FacteurMail
import FacteurStore
import Foundation
import TestSupport
import Testing

@testable import FacteurDaemon

/// A rendering lane's chunk stored against its bases (`BodyDelta`): the sender gets the bytes the lane rendered,
/// for every distribution and order kind and hostile names, and no base holds a recipient's own values.
@Suite struct LaneStorageTests {
    static let names = [
        "Camille Dupont", "", "<b>Zoé</b>", "{{member.name}}", "Jean\r\nBcc: x@evil.example", "Ève Ñuñez",
        "E\u{301}ve", "\u{E000}", String(repeating: "é", count: 120), "=?UTF-8?Q?x?=", ".", "Marie-Hélène d'Arc",
    ]

    @Test(
        "each distribution and order kind, thirty members with hostile names: stored against bases, sent as rendered",
        arguments: [
            NoticeKind.announcement, .change, .cancellation, .dutyCall, .dutyReminder, .orderOpen, .orderReminder,
        ])
    func chunkRoundTrip(kind: NoticeKind) async throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        let configuration = try Configuration.load(path: h.configPath)
        let now = try ScheduleTime.parse("2026-11-23 10:00", in: configuration.timeZone)
        let engine = try await Engine.make(configuration: configuration, logger: Logger(sink: { _ in }), clock: { now })
        let signer = try await TokenSigner.load(engine.store)
        let sample = SampleNotices.notice(kind)
        let notices = (0..<30).map { i -> PlannedNotice in
            var n = sample
            let member = Int64(100 + i)
            n.key.audience = .member(member)
            n.recipient = Recipient(
                memberID: member, name: Self.names[i % Self.names.count], email: "membre\(member)@example.net")
            n.dueAt = now
            n.sendAfter = now
            n.lateUntil = now.addingTimeInterval(86_400)
            if case .distribution(var content) = n.content {
                if i % 3 == 0 { content.recipientIsOnDuty.toggle() }
                // An announcement lists the recipient's own contracts: the base must not list the first one's.
                if kind == .announcement {
                    content.deliveries = [.init(contract: "Contrat-\(member)", producer: "Ferme \(member)")]
                }
                n.content = .distribution(content)
            }
            return n
        }
        let chunk = await engine.planning.renderInLane(notices[...], threads: [:], signer: signer, now: now)
        #expect(chunk.entries.count == 30)
        let stored = chunk.entries.filter { $0.delta != nil }.count
        #expect(stored >= 25, "\(stored) of 30 stored against a base")
        #expect(!chunk.bases.isEmpty && chunk.bases.count <= 2)
        // No base holds a recipient's name, address or token (each recipient's Message-ID carries its own).
        for base in chunk.bases {
            for (entry, notice) in zip(chunk.entries, notices) {
                for secret in [notice.recipient.email, entry.messageID, "Contrat-\(notice.recipient.memberID ?? 0)"] {
                    let found = Bytes.contains(base, secret)
                    #expect(!found, "a base holds \(secret)")
                }
            }
        }
        try await engine.store.write { db in try db.outbox.enqueue(chunk.entries, bases: chunk.bases, now: now) }
        let claimed = try await engine.store.write { db in
            try db.outbox.claimDue(asOf: now.addingTimeInterval(86_000), limit: 100)
        }
        let sent = Dictionary(uniqueKeysWithValues: claimed.map { ($0.key, $0.body) })
        #expect(claimed.count == 30)
        for entry in chunk.entries {
            let same = sent[entry.key] == entry.body
            #expect(same, "\(entry.key.rawValue) is not sent as rendered")
        }
    }
}

enum Bytes {
    /// Whether `bytes` hold `text`'s UTF-8 anywhere.
    static func contains(_ bytes: [UInt8], _ text: String) -> Bool {
        let needle = Array(text.utf8)
        guard !needle.isEmpty, needle.count <= bytes.count else { return false }
        return (0...(bytes.count - needle.count)).contains { bytes[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
