import Dispatch

/// A serial executor over its own DispatchQueue, for actors that make blocking C calls
/// (`curl_easy_perform`, `sqlite3_step` under a busy timeout): they block that queue's thread,
/// never the cooperative pool's (as GRDB's DispatchQueueActor does).
public final class DispatchQueueExecutor: SerialExecutor {
    private let queue: DispatchQueue

    public init(label: String) {
        queue = DispatchQueue(label: label)
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedSerialExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }

    public func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }
}
