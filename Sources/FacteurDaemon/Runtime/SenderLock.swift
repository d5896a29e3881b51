import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One sender per database (DESIGN §3): `run` and `once` hold an exclusive `flock` on `<database>.lock`
/// for their whole life, so a second sender refuses (exit 75, naming the holder's pid) instead of sending
/// the rows the first is sending, and start-up recovery of `sending` rows only ever runs once their
/// holder is gone. The kernel drops the lock when the holder exits, however it exits: no stale lock.
/// A separate file, not the database itself: closing any descriptor of the database file would drop
/// SQLite's own POSIX locks.
public final class SenderLock {
    public let path: String
    private var descriptor: Int32

    public enum LockError: Error, CustomStringConvertible {
        case held(path: String, holder: String?)
        case unusable(path: String, errno: Int32)

        public var description: String {
            switch self {
            case .held(let path, let holder):
                let who = holder.map { "facteur (pid \($0))" } ?? "another facteur"
                return "\(who) is already sending from this database (it holds \(path): never delete that file); "
                    + "only one sender per database: stop it first, or try again once it has finished"
            case .unusable(let path, let code):
                return "\(path): cannot take the sender lock: \(String(cString: strerror(code)))"
            }
        }
    }

    /// `open(2)` + `flock(2)` with `LOCK_EX | LOCK_NB`; records this process's pid in the file. The lock sits
    /// beside the database's real path (symlinks resolved), so two names for one file share one lock; a lock
    /// file removed and recreated while held is noticed (its inode changed) and taken afresh.
    public init(database: String) throws(LockError) {
        path = URL(fileURLWithPath: database).resolvingSymlinksInPath().path + ".lock"
        descriptor = -1
        for _ in 0..<5 {
            descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw .unusable(path: path, errno: errno) }
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                let code = errno
                close(descriptor)
                descriptor = -1
                if code == EWOULDBLOCK { throw .held(path: path, holder: Self.holder(path)) }
                throw .unusable(path: path, errno: code)
            }
            if Self.isStillAt(path, descriptor) { break }
            close(descriptor)  // deleted (or replaced) between open and flock: lock the file now there
            descriptor = -1
        }
        guard descriptor >= 0 else { throw .unusable(path: path, errno: EAGAIN) }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(descriptor, 0)
        _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
    }

    /// Whether the file at `path` is the one `descriptor` holds (same device and inode).
    private static func isStillAt(_ path: String, _ descriptor: Int32) -> Bool {
        var opened = stat()
        var named = stat()
        guard fstat(descriptor, &opened) == 0, stat(path, &named) == 0 else { return false }
        return opened.st_dev == named.st_dev && opened.st_ino == named.st_ino
    }

    /// The holder's pid; it writes it just after taking the lock, so an empty file is read again briefly.
    private static func holder(_ path: String) -> String? {
        for _ in 0..<20 {
            let pid = (try? String(contentsOfFile: path, encoding: .utf8))?
                .trimmingCharacters(in: .whitespacesAndNewlines)
            if let pid, !pid.isEmpty { return pid }
            usleep(10_000)
        }
        return nil
    }

    /// Releases the lock (also done by `deinit` and by the process's exit).
    public func release() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}

@available(*, unavailable)
extension SenderLock: Sendable {}
