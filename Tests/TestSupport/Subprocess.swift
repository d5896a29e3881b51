import CSpawn
import Foundation

/// A child process started with `posix_spawn`, for the tests' servers and commands.
///
/// Why not Foundation's `Process`: on Linux, swift-corelibs-foundation 6.3's `Process.run()` lists
/// `/proc/self/fd` by copying each `dirent` whole, which reads up to 256 bytes past glibc's buffer and
/// crashes the test process now and then (a bad pointer in `memcpy`; fixed upstream in
/// swift-corelibs-foundation#5472, after 6.3). Here the child closes every descriptor from 3 up itself
/// (`posix_spawn_file_actions_addclosefrom_np`), so nothing lists them, and no descriptor of one test
/// leaks into another test's child. The names follow `Process` so call sites read the same.
public final class Subprocess: @unchecked Sendable {
    // Safe because: `rawStatus` is read and written under `lock`; everything else is immutable.

    /// Where one of the child's standard streams goes.
    public enum Stream {
        /// /dev/null.
        case null
        /// A new pipe; the test holds the other end (`standardInput`, `standardOutput`, `standardError`).
        case pipe
        /// A file the test opened, shared with the child.
        case handle(FileHandle)
    }

    public enum TerminationReason: Sendable, Equatable {
        case exit
        case uncaughtSignal
    }

    public enum Failure: Error, CustomStringConvertible {
        case pipe(errno: Int32)
        case spawn(executable: String, errno: Int32)

        public var description: String {
            switch self {
            case .pipe(let code): "pipe: \(String(cString: strerror(code)))"
            case .spawn(let executable, let code): "\(executable): \(String(cString: strerror(code)))"
            }
        }
    }

    public let processIdentifier: pid_t
    /// The test's ends of the pipes asked for, nil for other streams.
    public let standardInput: FileHandle?
    public let standardOutput: FileHandle?
    public let standardError: FileHandle?

    private let lock = NSLock()
    private var rawStatus: Int32?

    /// Starts `executable` (an absolute path) with `arguments`, in a process group of its own as
    /// `Process` does, with no signal blocked or ignored, and with this process's environment unless one is given.
    /// A child must be waited for (`waitUntilExit`, `stop`): one dropped running is left a zombie once it ends.
    public init(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
        stdin: Stream = .null, stdout: Stream = .null, stderr: Stream = .null
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var childEnds: [Int32] = []
        var ourEnds: [FileHandle?] = []
        defer { for fd in childEnds { close(fd) } }
        for (target, stream) in [(Int32(0), stdin), (1, stdout), (2, stderr)] {
            switch stream {
            case .null:
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", target == 0 ? O_RDONLY : O_WRONLY, 0)
                ourEnds.append(nil)
            case .handle(let handle):
                posix_spawn_file_actions_adddup2(&actions, handle.fileDescriptor, target)
                ourEnds.append(nil)
            case .pipe:
                var fds: [Int32] = [-1, -1]
                guard cspawn_pipe(&fds) == 0 else { throw Failure.pipe(errno: errno) }
                let (childEnd, ourEnd) = target == 0 ? (fds[0], fds[1]) : (fds[1], fds[0])
                childEnds.append(childEnd)
                posix_spawn_file_actions_adddup2(&actions, childEnd, target)
                ourEnds.append(FileHandle(fileDescriptor: ourEnd, closeOnDealloc: true))
            }
        }
        posix_spawn_file_actions_addclosefrom_np(&actions, 3)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        // Every signal's default action, as `Process` does: one the test process ignores (SIGTERM while a test runs
        // the daemon in-process) must not be ignored by its children.
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        sigdelset(&allSignals, SIGKILL)
        sigdelset(&allSignals, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = Self.cStrings([executable] + arguments)
        defer { Self.free(argv) }
        let envp = environment.map { Self.cStrings($0.map { "\($0.key)=\($0.value)" }) }
        defer { envp.map(Self.free) }
        var pid = pid_t()
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp ?? environ)
        guard result == 0 else { throw Failure.spawn(executable: executable, errno: result) }
        processIdentifier = pid
        standardInput = ourEnds[0]
        standardOutput = ourEnds[1]
        standardError = ourEnds[2]
    }

    /// Whether the child still runs; collects its status once it has stopped.
    public var isRunning: Bool {
        lock.lock()
        defer { lock.unlock() }
        guard rawStatus == nil else { return false }
        var status: Int32 = 0
        while true {
            let reaped = waitpid(processIdentifier, &status, WNOHANG)
            if reaped == processIdentifier {
                rawStatus = status
                return false
            }
            if reaped == 0 { return true }
            if errno == EINTR { continue }
            rawStatus = 255 << 8  // ECHILD: nothing left to wait for; read as exit 255.
            return false
        }
    }

    /// Waits for the child to stop. Polls, so that `isRunning` from another thread never races a blocking wait.
    public func waitUntilExit() {
        var pause: useconds_t = 100
        while isRunning {
            usleep(pause)
            pause = min(pause * 2, 20_000)
        }
    }

    /// Waits at most `seconds`; whether the child has stopped.
    public func waitUntilExit(seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        var pause: useconds_t = 100
        while isRunning {
            if Date() >= deadline { return false }
            usleep(pause)
            pause = min(pause * 2, 20_000)
        }
        return true
    }

    /// SIGTERM, then SIGKILL if the child has not stopped after `grace` seconds; returns once it has stopped.
    /// A test's server must stop by itself even when its own shutdown hangs.
    public func stop(grace: Double = 5) {
        guard isRunning else { return }
        terminate()
        if !waitUntilExit(seconds: grace) { signal(SIGKILL) }
        waitUntilExit()
    }

    public func signal(_ number: Int32) { kill(processIdentifier, number) }

    /// SIGTERM, as `Process.terminate()`.
    public func terminate() { signal(SIGTERM) }

    /// The exit code, or the signal's number if a signal stopped it; -1 while it runs.
    public var terminationStatus: Int32 {
        guard let status = stoppedStatus else { return -1 }
        return status & 0x7f == 0 ? (status >> 8) & 0xff : status & 0x7f
    }

    public var terminationReason: TerminationReason? {
        guard let status = stoppedStatus else { return nil }
        return status & 0x7f == 0 ? .exit : .uncaughtSignal
    }

    private var stoppedStatus: Int32? {
        _ = isRunning
        lock.lock()
        defer { lock.unlock() }
        return rawStatus
    }

    private static func cStrings(_ strings: [String]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> {
        let array = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: strings.count + 1)
        for (index, string) in strings.enumerated() { array[index] = strdup(string) }
        array[strings.count] = nil
        return array
    }

    private static func free(_ array: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) {
        var index = 0
        while let string = array[index] {
            Foundation.free(string)
            index += 1
        }
        array.deallocate()
    }
}
