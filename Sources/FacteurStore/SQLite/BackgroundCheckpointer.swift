internal import CSQLite
import Dispatch
import Synchronization

/// Copies the write-ahead log back into the database on a thread of its own, through a connection of its own.
///
/// SQLite's automatic checkpoint runs inside the commit that fills the log: the writer copies a thousand pages and
/// syncs two files before its next statement. While the daemon queues a week (1 GB of rendered mail) that was a
/// third of its writer's CPU, and a cold start's writer waited 3.3 s on those syncs, the rendering lanes idle behind
/// it once their chunks were ready (issue 15).
/// A `PASSIVE` checkpoint from another connection is what SQLite offers for this: it neither waits for nor stops
/// the writer and readers, and what is durable when does not change (commits never waited for a checkpoint).
///
/// The writer still checkpoints itself, as before, once the log is far longer than one checkpoint: a log that
/// keeps growing (the thread starved, the disk slower than the writer) stays bounded.
final class BackgroundCheckpointer: Sendable {
    /// Pages in the log that start a checkpoint: SQLite's own automatic threshold.
    static let pagesPerCheckpoint: Int32 = 1_000
    /// Pages in the log past which the writer checkpoints in its own commit, as SQLite's automatic checkpoint does
    /// past 1,000.
    static let pagesTheWriterCheckpoints: Int32 = 16_000

    private let connection: Mutex<SQLiteConnection?>
    private let queue = DispatchQueue(label: "facteur.checkpoint")
    private let scheduled = Atomic<Bool>(false)
    /// Pages of the log the last checkpoint had copied into the database.
    private let checkpointed = Atomic<Int32>(0)
    /// Checkpoints this thread has run (for tests).
    let completed = Atomic<Int>(0)

    init(path: String) throws(SQLiteError) {
        // A connection of its own: SQLite allows one thread in a connection at a time.
        connection = Mutex(try SQLiteConnection(path: path, mode: .readWrite))
    }

    /// Called by the writer's commit (its WAL hook) with the pages now in the log.
    func logGrew(to pages: Int32, writer: OpaquePointer?) {
        if pages >= Self.pagesTheWriterCheckpoints, let writer {
            // What SQLite's own hook does; a busy checkpointer makes it return at once.
            _ = sqlite3_wal_checkpoint_v2(writer, "main", SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            return
        }
        // Counted from what the last checkpoint copied: the log is only started again from its beginning by a
        // commit that finds it all copied, so after a checkpoint it usually goes on growing; counted from its
        // beginning, every later commit would start one, each syncing two files for a few pages.
        var copied = checkpointed.load(ordering: .acquiring)
        if pages < copied {
            // Started again from its beginning since.
            checkpointed.store(0, ordering: .releasing)
            copied = 0
        }
        let fresh = pages - copied
        guard fresh >= Self.pagesPerCheckpoint,
            scheduled.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
        else { return }
        queue.async { [self] in
            connection.withLock { connection in
                var log: Int32 = 0
                var copied: Int32 = 0
                if let connection,
                    sqlite3_wal_checkpoint_v2(connection.handle, "main", SQLITE_CHECKPOINT_PASSIVE, &log, &copied)
                        == SQLITE_OK
                {
                    checkpointed.store(copied, ordering: .releasing)
                }
            }
            completed.add(1, ordering: .relaxed)
            scheduled.store(false, ordering: .releasing)
        }
    }

    /// Waits for a checkpoint under way, and closes the connection.
    func stop() {
        queue.sync {}
        connection.withLock { $0 = nil }
    }
}

/// The WAL hook: a C function, handed the checkpointer the writer holds.
let backgroundCheckpointHook:
    @convention(c) (UnsafeMutableRawPointer?, OpaquePointer?, UnsafePointer<CChar>?, Int32) -> Int32 = {
        context, writer, _, pages in
        if let context {
            Unmanaged<BackgroundCheckpointer>.fromOpaque(context).takeUnretainedValue().logGrew(
                to: pages, writer: writer)
        }
        return SQLITE_OK
    }
