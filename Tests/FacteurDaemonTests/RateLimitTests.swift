import FacteurCore
import FacteurDaemon
import FacteurStore
import FacteurTransport
import Foundation
import TestSupport
import Testing

/// `smtp.max_per_minute` spaces messages: the sender asks to wait between sends (the wait is injected,
/// so the test records it instead of sleeping).
@Suite struct RateLimitTests {
    final class Waits: @unchecked Sendable {
        // Safe because: used from the sender's single task, read after it finished.
        var durations: [Duration] = []
        var now = ContinuousClock.now
        func elapse(_ duration: Duration) {
            durations.append(duration)
            now += duration
        }
    }

    @Test("with max_per_minute 60, the sender waits what is left of a second before each message after the first")
    func pacing() async throws {
        let mail = TemporaryDirectory()
        let server = try SMTPCaptureServer(directory: mail.url)
        let h = try Harness(smtpURL: server.url)
        var configuration = try Configuration.load(path: h.configPath)
        configuration.maxPerMinute = 60
        let now = try ScheduleTime.parse("2026-11-24 18:30", in: configuration.timeZone)
        let engine = try await Engine.make(configuration: configuration, logger: Logger(sink: { _ in }), clock: { now })
        _ = try await engine.planning.plan(store: engine.store, now: now)
        let waits = Waits()
        var sender = engine.sender
        // On this clock each message takes a quarter of a second to send, and the pauses take what they ask:
        // each wait is what is left of the interval.
        sender.pause = { waits.elapse($0) }
        sender.monotonic = { waits.now }
        sender.logger = Logger(sink: { line in if line.contains(" sent ") { waits.now += .milliseconds(250) } })
        let tally = try await sender.sendDue(store: engine.store)
        #expect(tally.sent == 3)
        #expect(waits.durations == [.milliseconds(750), .milliseconds(750)])
    }
}
