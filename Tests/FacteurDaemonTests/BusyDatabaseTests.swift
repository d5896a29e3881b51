import FacteurStore
import Foundation
import TestSupport
import Testing

/// Another writer (the management tool) holding the database must not crash Facteur or lose anything.
@Suite struct BusyDatabaseTests {
    @Test("once exits 75 while another writer holds the lock; run waits and delivers once it is released")
    func busyWriter() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        let holder = try SQLiteConnection(path: h.databasePath)
        try holder.execute("BEGIN IMMEDIATE")
        let once = try h.once("2026-11-24 18:30")
        #expect(once.status == 75, "\(once.stderr)")
        #expect(server.messageFiles.isEmpty)

        try h.sql("SELECT 1")  // readers are never blocked in WAL mode
        try holder.execute("COMMIT")
        try h.dueNowForRealClock()
        try holder.execute("BEGIN IMMEDIATE")
        let (process, err) = try h.startDaemon()
        Thread.sleep(forTimeInterval: 7)
        #expect(process.isRunning)
        #expect(server.messageFiles.isEmpty)
        try holder.execute("COMMIT")
        let deadline = Date().addingTimeInterval(20)
        while server.messageFiles.count < 3 && Date() < deadline { Thread.sleep(forTimeInterval: 0.2) }
        process.terminate()
        process.waitUntilExit()
        let log = err.text
        #expect(server.messageFiles.count == 3)
        #expect(process.terminationStatus == 0)
        #expect(log.contains("database-busy"))
    }
}
