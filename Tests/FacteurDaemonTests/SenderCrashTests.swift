import Foundation
import TestSupport
import Testing

/// DESIGN §3: "after a process crash at most one message" goes out again. The daemon is killed (SIGKILL, no
/// chance to settle its batch) in the middle of a crowd of announcements; a `once` then finishes the work.
@Suite struct SenderCrashTests {
    @Test("killed mid-batch: after the next start every notice is delivered, at most one of them twice")
    func killedWhileSending() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try OneSenderTests().crowd(h)
        let (daemon, _) = try h.startDaemon()
        let deadline = Date().addingTimeInterval(30)
        while server.messageFiles.count < 20 && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        kill(daemon.processIdentifier, SIGKILL)
        daemon.waitUntilExit()
        #expect(server.messageFiles.count >= 20)
        // What the crash left: some rows sent, the rest of the batch claimed (`sending`) with its journal.
        let once = try h.facteur("once")
        #expect(once.status == 0, "\(once.stderr)")
        OneSenderTests().waitForMail(server, count: 163)
        let counts = try OneSenderTests().deliveries(server)
        #expect(counts.count == 163)
        let extra = counts.values.reduce(0, +) - counts.count
        #expect(extra <= 1, "\(counts.filter { $0.value > 1 })")
        #expect(try h.states().values.allSatisfy { $0 == "sent" })
        // Only the message in flight can have been recovered; the claimed but untried ones were not counted.
        #expect(try h.rows("SELECT SUM(recoveries) FROM facteur_outbox")[0].int(0) ?? 0 <= 1)
        #expect(try h.rows("SELECT COUNT(*) FROM facteur_outbox_attempt")[0].int(0) == 0)
        // Each row was attempted once, or twice for the one in flight: the claimed but untried are not counted.
        #expect(try h.rows("SELECT SUM(attempts) FROM facteur_outbox")[0].int(0) ?? 0 <= 164)
    }
}
