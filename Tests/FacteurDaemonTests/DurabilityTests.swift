import Foundation
import TestSupport
import Testing

/// DESIGN §3 "Durable before acknowledged", observed with strace: the write-ahead log is synced after
/// the last write that matters and before the process says "done" (exit 0 for the MTA).
@Suite(.enabled(if: Strace.works)) struct DurabilityTests {
    @Test("relay receive syncs the stored message to disk before it exits 0")
    func relayReceiveSyncs() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        try h.seedRelay()
        _ = try h.onceNow()  // the WAL exists already: the case where no sync happened at all
        let trace = h.dir.path("receive.trace")
        let result = try ProcessRunner.run(
            "/usr/bin/strace",
            ["-f", "-y", "-o", trace, "-e", "trace=pwrite64,write,fdatasync,fsync,exit_group", PackagePaths.binary,
             "relay", "receive", "--config", h.configPath, "--recipient", "legumes@lilas.example.org",
             "--now", Harness.relayNow],
            stdin: Data(RelayFixtures.producerNews().utf8))
        #expect(result.status == 0, "\(result.stderr)")
        let order = try Strace.walEvents(trace)
        #expect(order.contains("write"), "\(order)")
        #expect(order.last == "sync", "the last WAL event before exit must be a sync: \(order)")
    }

    @Test("a tick that sends syncs the outbox marks before it ends")
    func onceSyncs() throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        let trace = h.dir.path("once.trace")
        let result = try ProcessRunner.run(
            "/usr/bin/strace",
            ["-f", "-y", "-o", trace, "-e", "trace=pwrite64,write,fdatasync,fsync,exit_group", PackagePaths.binary,
             "once", "--config", h.configPath, "--now", "2026-11-24 18:30"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(server.messageFiles.count == 3)
        let order = try Strace.walEvents(trace)
        #expect(order.filter { $0 == "sync" }.count >= 1, "\(order)")
        #expect(order.last == "sync", "sent marks left unsynced at exit: \(order)")
    }
}

enum Strace {
    static let works: Bool = {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/strace"),
            let result = try? ProcessRunner.run("/usr/bin/strace", ["-o", "/dev/null", "/bin/true"])
        else { return false }
        return result.status == 0
    }()

    /// The write-ahead log's writes and syncs, in order ("write" or "sync"), up to the process's exit.
    static func walEvents(_ path: String) throws -> [String] {
        var events: [String] = []
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            guard line.contains("-wal>") else { continue }
            if line.contains("fdatasync(") || line.contains("fsync(") {
                events.append("sync")
            } else if line.contains("pwrite64(") || line.contains("write(") {
                events.append("write")
            }
        }
        return events
    }
}
