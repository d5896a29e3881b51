import Foundation
import TestSupport
import Testing

/// DESIGN §3 "One sender per database, enforced": a second `run`, or a `once` while `run` works, never
/// sends a row the other is sending.
@Suite struct OneSenderTests {
    /// 160 more members subscribed to Légumes: 163 announcements due at once on the (shifted) wall clock.
    func crowd(_ h: Harness) throws {
        var values: [String] = []
        var subscriptions: [String] = []
        for i in 100..<260 {
            values.append("(\(i), 1, 'Membre \(i)', 'm\(i)@example.net')")
            subscriptions.append("(\(i), 1)")
        }
        try h.sql(
            "INSERT INTO member (id, amap_id, name, email) VALUES \(values.joined(separator: ","));"
                + "INSERT INTO subscription VALUES \(subscriptions.joined(separator: ","));")
        try h.dueNowForRealClock()
    }

    func waitForMail(_ server: SMTPCaptureServer, count: Int) {
        let deadline = Date().addingTimeInterval(60)
        while server.messageFiles.count < count && Date() < deadline { Thread.sleep(forTimeInterval: 0.2) }
        Thread.sleep(forTimeInterval: 1)  // anything sent twice would arrive now
    }

    /// Every Message-ID the server received, with how many times.
    func deliveries(_ server: SMTPCaptureServer) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for message in try EmailChecker.parse(files: server.messageFiles) {
            counts[message.header("Message-ID") ?? "?", default: 0] += 1
        }
        return counts
    }

    @Test("two `run` on one database: the second refuses with 75 naming the first; nothing is sent twice")
    func twoDaemons() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try crowd(h)
        let a = try h.startDaemon()
        let b = try h.startDaemon()
        // Whichever started second refuses: wait for the first of them to exit.
        let deadline = Date().addingTimeInterval(20)
        while a.0.isRunning && b.0.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let (refusedProcess, refusedErr) = a.0.isRunning ? b : a
        let holder = a.0.isRunning ? a.0 : b.0
        #expect(!refusedProcess.isRunning)
        waitForMail(server, count: 163)
        holder.terminate()
        holder.waitUntilExit()
        refusedProcess.waitUntilExit()
        let refused = refusedErr.text
        #expect(refusedProcess.terminationStatus == 75, "\(refused)")
        #expect(refused.contains("facteur (pid \(holder.processIdentifier)) is already sending"), "\(refused)")
        #expect(holder.terminationStatus == 0)
        let counts = try deliveries(server)
        #expect(counts.count == 163)
        #expect(counts.values.allSatisfy { $0 == 1 }, "\(counts.filter { $0.value > 1 })")
        #expect(try h.states().values.allSatisfy { $0 == "sent" })
    }

    @Test("`once` while `run` works refuses with 75 and leaves the daemon's rows alone")
    func onceWhileRunning() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try crowd(h)
        let (daemon, _) = try h.startDaemon()
        // Wait until the daemon is sending, then try the documented testing command beside it.
        let deadline = Date().addingTimeInterval(30)
        while server.messageFiles.count < 5 && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let once = try h.facteur("once")
        #expect(once.status == 75, "\(once.stderr)")
        #expect(once.stderr.contains("is already sending from this database"), "\(once.stderr)")
        waitForMail(server, count: 163)
        daemon.terminate()
        daemon.waitUntilExit()
        let counts = try deliveries(server)
        #expect(counts.count == 163)
        #expect(counts.values.allSatisfy { $0 == 1 }, "\(counts.filter { $0.value > 1 })")
        // The daemon's in-flight row was not taken for a crash by the second process.
        #expect(try h.rows("SELECT MAX(recoveries) FROM facteur_outbox")[0].int(0) == 0)
    }
}
