import Foundation
import TestSupport
import Testing

/// The tests' own way of starting servers and commands (`Subprocess`, in place of Foundation's `Process`,
/// whose `run()` crashed the suite now and then): what a child gets, how it ends, and many at once.
@Suite struct SubprocessTests {
    /// The paths a child has open, as it sees them.
    func openPaths(_ environment: [String: String]? = nil) throws -> [String] {
        let script =
            "import os\nfor fd in os.listdir('/proc/self/fd'):\n    try: print(os.readlink('/proc/self/fd/' + fd))\n    except OSError: pass"
        let result = try ProcessRunner.run("/usr/bin/python3", ["-c", script], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test("a child inherits none of the test's descriptors, even one opened without close-on-exec")
    func noLeakedDescriptor() throws {
        let dir = TemporaryDirectory()
        let marker = dir.path("marker")
        _ = FileManager.default.createFile(atPath: marker, contents: Data("x".utf8))
        let fd = open(marker, O_RDONLY)  // no O_CLOEXEC: Foundation's Pipe() makes such descriptors too
        #expect(fd >= 3)
        defer { close(fd) }
        let paths = try openPaths()
        #expect(!paths.isEmpty)
        #expect(!paths.contains(marker), "\(paths)")
    }

    @Test("exit codes and signals read as Process reads them")
    func termination() throws {
        let exited = try Subprocess("/bin/sh", ["-c", "exit 7"])
        exited.waitUntilExit()
        #expect(exited.terminationStatus == 7)
        #expect(exited.terminationReason == .exit)
        #expect(!exited.isRunning)

        let killed = try Subprocess("/bin/sh", ["-c", "kill -9 $$"])
        killed.waitUntilExit()
        #expect(killed.terminationStatus == 9)
        #expect(killed.terminationReason == .uncaughtSignal)

        #expect(throws: Subprocess.Failure.self) { try Subprocess("/nonexistent/program", []) }
    }

    @Test("a child started from a thread that blocks SIGTERM still stops on SIGTERM")
    func signalMaskNotInherited() throws {
        final class Box: @unchecked Sendable {
            var process: Subprocess?
            var error: Error?
        }  // Safe because: joined before use.
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            var blocked = sigset_t()
            sigemptyset(&blocked)
            sigaddset(&blocked, SIGTERM)
            pthread_sigmask(SIG_BLOCK, &blocked, nil)
            do { box.process = try Subprocess("/bin/sleep", ["30"]) } catch { box.error = error }
            done.signal()
        }
        thread.start()
        done.wait()
        let process = try #require(box.process, "\(String(describing: box.error))")
        #expect(process.isRunning)
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == SIGTERM)
        #expect(process.terminationReason == .uncaughtSignal)
    }

    @Test("a signal the test process ignores is not ignored by its child")
    func ignoredSignalsReset() throws {
        // SIGUSR2: nothing in the suite uses it, and it is only ever sent to the child here.
        signal(SIGUSR2, SIG_IGN)
        defer { signal(SIGUSR2, SIG_DFL) }
        let process = try Subprocess("/bin/sleep", ["30"])
        #expect(process.isRunning)
        process.signal(SIGUSR2)
        #expect(process.waitUntilExit(seconds: 10))
        #expect(process.terminationStatus == SIGUSR2)
        #expect(process.terminationReason == .uncaughtSignal)
        process.stop()
    }

    @Test("two hundred commands from eight threads while descriptors open and close: every output is its own")
    func manyAtOnce() throws {
        let dir = TemporaryDirectory()
        let churn = dir.path("churn")
        _ = FileManager.default.createFile(atPath: churn, contents: nil)
        final class Flag: @unchecked Sendable {  // Safe because: under lock.
            let lock = NSLock()
            var stop = false
            var wrong: [String] = []
        }
        let flag = Flag()
        let churner = Thread {
            while !flag.lock.withLock({ flag.stop }) {
                let fds = (0..<20).map { _ in open(churn, O_RDONLY) }
                for fd in fds where fd >= 0 { close(fd) }
            }
        }
        churner.start()
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for index in 0..<25 {
                let word = "t\(thread)-\(index)"
                let result = try? ProcessRunner.run("/bin/echo", [word])
                if result?.stdout != word + "\n" || result?.status != 0 {
                    flag.lock.withLock { flag.wrong.append("\(word): \(String(describing: result))") }
                }
            }
        }
        flag.lock.withLock { flag.stop = true }
        #expect(flag.wrong.isEmpty, "\(flag.wrong.prefix(5))")
    }
}
