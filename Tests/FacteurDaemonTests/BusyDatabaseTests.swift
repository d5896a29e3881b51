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
        try h.writeConfig()
        let text = try String(contentsOfFile: h.configPath, encoding: .utf8)
            .replacingOccurrences(
                of: "\"timezone\": \"Europe/Paris\",",
                with: "\"timezone\": \"UTC\", \"quiet_hours\": {\"start\": \"00:00\", \"end\": \"00:00\"},")
        try text.write(toFile: h.configPath, atomically: true, encoding: .utf8)
        try holder.execute("COMMIT")
        try h.sql(
            "UPDATE distribution SET starts_at = datetime('now', '+24 hours'), ends_at = datetime('now', '+26 hours'); UPDATE amap SET timezone = 'UTC'"
        )
        try holder.execute("BEGIN IMMEDIATE")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PackagePaths.binary)
        process.arguments = ["run", "--config", h.configPath]
        let err = Pipe()
        process.standardError = err
        try process.run()
        Thread.sleep(forTimeInterval: 7)
        #expect(process.isRunning)
        #expect(server.messageFiles.isEmpty)
        try holder.execute("COMMIT")
        let deadline = Date().addingTimeInterval(20)
        while server.messageFiles.count < 3 && Date() < deadline { Thread.sleep(forTimeInterval: 0.2) }
        process.terminate()
        process.waitUntilExit()
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(server.messageFiles.count == 3)
        #expect(process.terminationStatus == 0)
        #expect(log.contains("database-busy"))
    }
}
