import Foundation

/// A real IMAP server (Debian's dovecot-imapd) on 127.0.0.1 with its own temporary configuration and
/// one mailbox user, as measured in shared/notes/libcurl-and-mail.md. Stopped when released.
public final class DovecotServer: @unchecked Sendable {
    // Safe because: immutable after init; stop() is idempotent and called from one task.
    public let port: Int
    public let user = "relay"
    public let password = "secret-imap-7"
    private let dir: TemporaryDirectory
    private let config: String
    private var counter = 0
    private var process: Subprocess

    public init() throws {
        dir = TemporaryDirectory()
        port = try FreePort.find()
        let root = dir.url.path
        for sub in ["run", "state", "mail"] {
            try FileManager.default.createDirectory(atPath: "\(root)/\(sub)", withIntermediateDirectories: true)
        }
        try "\(user):{PLAIN}\(password)\n".write(toFile: "\(root)/users", atomically: true, encoding: .utf8)
        config = "\(root)/dovecot.conf"
        let text = """
            base_dir = \(root)/run
            state_dir = \(root)/state
            log_path = \(root)/dovecot.log
            protocols = imap
            listen = 127.0.0.1
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            mail_location = maildir:\(root)/mail/%u/Maildir
            default_internal_user = dovecot
            default_internal_group = dovecot
            default_login_user = dovenull
            first_valid_uid = 100
            passdb {
              driver = passwd-file
              args = scheme=PLAIN username_format=%u \(root)/users
            }
            userdb {
              driver = static
              args = uid=dovecot gid=dovecot home=\(root)/mail/%u
            }
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = \(port)
              }
              inet_listener imaps {
                port = 0
              }
            }
            """
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(
            atPath: "\(root)/mail/\(user)/Maildir/new", withIntermediateDirectories: true)
        for sub in ["cur", "tmp"] {
            try FileManager.default.createDirectory(
                atPath: "\(root)/mail/\(user)/Maildir/\(sub)", withIntermediateDirectories: true)
        }
        _ = try ProcessRunner.run("/bin/chmod", ["755", root])
        _ = try ProcessRunner.run("/bin/chown", ["-R", "dovecot:dovecot", "\(root)/mail"])
        // In the foreground (-F), as our child: it cannot outlive the test, and no pipe is left behind.
        process = try Subprocess("/usr/sbin/dovecot", ["-F", "-c", config])
        try FreePort.waitUntilListening(port)
    }

    public var url: String { "imap://127.0.0.1:\(port)/INBOX" }

    /// Puts a message in the mailbox as a local delivery would.
    public func deliver(_ message: String) throws {
        counter += 1
        let name = "\(Int(Date().timeIntervalSince1970)).M\(counter)P\(getpid()).facteur"
        let path = "\(dir.url.path)/mail/\(user)/Maildir/new/\(name)"
        try Data(message.utf8).write(to: URL(fileURLWithPath: path))
        _ = try ProcessRunner.run("/bin/chown", ["dovecot:dovecot", path])
    }

    /// Empties the mailbox and gives it a new UIDVALIDITY, as a provider's migration would.
    public func recreateMailbox() throws {
        let maildir = "\(dir.url.path)/mail/\(user)/Maildir"
        for file in ["dovecot-uidlist", "dovecot.index", "dovecot.index.cache", "dovecot.index.log"] {
            try? FileManager.default.removeItem(atPath: "\(maildir)/\(file)")
        }
        for sub in ["cur", "new"] {
            for f in (try? FileManager.default.contentsOfDirectory(atPath: "\(maildir)/\(sub)")) ?? [] {
                try? FileManager.default.removeItem(atPath: "\(maildir)/\(sub)/\(f)")
            }
        }
        _ = try ProcessRunner.run("/usr/bin/doveadm", ["-c", config, "kick", user])
    }

    public func stop() {
        guard process.isRunning else { return }
        _ = try? ProcessRunner.run("/usr/bin/doveadm", ["-c", config, "stop"])
        for _ in 0..<20 where process.isRunning { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { _ = try? ProcessRunner.run("/bin/kill", ["-9", String(process.processIdentifier)]) }
        process.waitUntilExit()
    }

    deinit { stop() }
}

/// Free loopback ports, found by binding port 0 (via Python: tests keep C calls out of Swift).
public enum FreePort {
    public static func find() throws -> Int {
        let out = try ProcessRunner.run(
            "/usr/bin/python3",
            ["-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])"])
        guard let port = Int(out.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw CocoaError(.fileReadUnknown)
        }
        return port
    }

    public static func waitUntilListening(_ port: Int) throws {
        let script = """
            import socket, time
            for _ in range(100):
                try:
                    socket.create_connection(('127.0.0.1', \(port)), 0.2).close(); break
                except OSError:
                    time.sleep(0.05)
            """
        _ = try ProcessRunner.run("/usr/bin/python3", ["-c", script])
    }
}
