import FacteurStore
import Foundation

/// Repeats a database step while another writer holds the lock (SQLITE_BUSY after the busy timeout),
/// logging each wait, until it succeeds or the task is cancelled: the daemon never dies of a busy database.
enum BusyRetry {
    static func run<T>(logger: Logger, pause: Duration = .seconds(5), _ step: () async throws -> T) async throws -> T {
        while true {
            do {
                return try await step()
            } catch let error as SQLiteError where error.isBusy {
                logger.warning("database-busy", ["error": error.description])
                try await Task.sleep(for: pause)
            }
        }
    }
}
