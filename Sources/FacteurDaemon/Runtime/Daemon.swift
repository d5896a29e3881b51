import FacteurCore
import FacteurStore
import Foundation

/// `facteur run`: ticks whenever the next notice or retry is due, and at least every `poll_seconds`
/// to see schedule edits; SIGTERM/SIGINT end it after the message in flight is recorded.
public struct Daemon: Sendable {
    public var engine: Engine
    public var configuration: Configuration
    public var logger: Logger

    public init(engine: Engine, configuration: Configuration, logger: Logger) {
        self.engine = engine
        self.configuration = configuration
        self.logger = logger
    }

    public func run() async throws {
        try await BusyRetry.run(logger: logger) { try await engine.recover(now: WallClock.now()) }
        logger.info("started", ["database": configuration.database, "poll_seconds": "\(configuration.pollSeconds)"])
        let outcome: Result<Void, Error> = await withTaskGroup(of: Result<Void, Error>?.self) { group in
            group.addTask {
                do {
                    try await loop()
                    return .success(())
                } catch {
                    return .failure(error)
                }
            }
            group.addTask {
                for await sig in SignalWatcher.termination() {
                    logger.info("stopping", ["signal": sig == SIGTERM ? "SIGTERM" : "SIGINT"])
                    return nil
                }
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? .success(())
        }
        logger.info("stopped")
        try outcome.get()
    }

    static func milliseconds(_ d: Duration) -> String {
        let ms = Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
        return String(format: "%.2f", ms)
    }

    private func loop() async throws {
        var memo: Engine.PlanningMemo?
        let logTicks = ProcessInfo.processInfo.environment["FACTEUR_LOG_TICKS"] != nil
        while !Task.isCancelled {
            let now = WallClock.now()
            var wake = now.addingTimeInterval(TimeInterval(configuration.pollSeconds))
            do {
                let summary = try await engine.tick(now: now, memo: &memo)
                if let due = summary.wakeAt { wake = min(wake, max(due, now.addingTimeInterval(0.05))) }
                if logTicks {
                    logger.info(
                        "tick",
                        [
                            "planned": summary.didPlan ? "yes" : "skipped (nothing changed)",
                            "plan_ms": Self.milliseconds(summary.planDuration),
                            "send_ms": Self.milliseconds(summary.sendDuration),
                            "queued": "\(summary.planned.enqueued)", "sent": "\(summary.delivered.sent)",
                        ])
                }
            } catch let error as SQLiteError where error.isBusy {
                logger.warning("database-busy", ["error": error.description])
                wake = now.addingTimeInterval(5)
            } catch let error as SQLiteError where error.isFatal {
                throw error
            } catch {
                logger.error("tick-failed", ["error": "\(error)"])
            }
            let seconds = wake.timeIntervalSince(WallClock.now())
            if seconds > 0 {
                do { try await Task.sleep(for: .milliseconds(Int64(seconds * 1000))) } catch { return }
            }
        }
    }
}
