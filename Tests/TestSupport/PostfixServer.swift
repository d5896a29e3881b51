import Foundation

/// A private instance of Debian's postfix on 127.0.0.1 (its own configuration, queue and port), for testing
/// the MTA recipe of docs/operations.md as written: mail to the listed addresses goes through a `pipe(8)`
/// transport to a command, and the documented `local_recipient_maps` accepts them (and refuses other addresses).
/// Needs root (postfix's master runs as root); stops when released.
public final class PostfixServer: @unchecked Sendable {
    // Safe because: mutated only in init and stop(), which tests call from one task.
    public let port: Int
    public let directory: URL
    public let log: URL

    public static var isUsable: Bool {
        getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/sbin/postfix")
    }

    /// - Parameters:
    ///   - addresses: routed to the `facteur` transport.
    ///   - argv: the transport's command, postfix `pipe(8)` syntax (`${recipient}` is the address).
    public init(directory: URL, domain: String, addresses: [String], argv: String) throws {
        self.directory = directory
        port = try FreePort.find()
        log = directory.appendingPathComponent("maillog")
        let conf = directory.appendingPathComponent("conf")
        let data = directory.appendingPathComponent("data")
        for dir in [conf, data, directory.appendingPathComponent("queue")] {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        }
        _ = try ProcessRunner.run("/bin/chown", ["postfix", data.path])
        try """
            compatibility_level = 3.6
            queue_directory = \(directory.path)/queue
            data_directory = \(data.path)
            mail_owner = postfix
            setgid_group = postdrop
            inet_interfaces = 127.0.0.1
            inet_protocols = ipv4
            myhostname = mx.\(domain)
            mydestination = \(domain)
            mynetworks = 127.0.0.0/8
            recipient_delimiter = +
            maillog_file = \(log.path)
            maillog_file_prefixes = \(directory.path)
            transport_maps = texthash:\(conf.path)/transport
            facteur_destination_recipient_limit = 1
            local_recipient_maps = proxy:unix:passwd.byname $alias_maps $transport_maps
            alias_maps =
            alias_database =
            smtputf8_enable = no

            """.write(to: conf.appendingPathComponent("main.cf"), atomically: true, encoding: .utf8)
        // Debian's master.cf, with smtpd on our port and nothing chrooted.
        var master: [String] = []
        for line in try String(contentsOfFile: "/etc/postfix/master.cf", encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        {
            var fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            if line.hasPrefix("#") || line.hasPrefix(" ") || line.hasPrefix("\t") || fields.count < 8 {
                master.append(String(line))
                continue
            }
            if fields[0] == "smtp" && fields[1] == "inet" { fields[0] = "127.0.0.1:\(port)" }
            fields[4] = "n"
            master.append(fields.joined(separator: " "))
        }
        master.append("facteur unix - n n - 4 pipe")
        master.append("  flags=Rq user=nobody argv=\(argv)")
        try (master.joined(separator: "\n") + "\n").write(
            to: conf.appendingPathComponent("master.cf"), atomically: true, encoding: .utf8)
        try (addresses.map { "\($0) facteur:" }.joined(separator: "\n") + "\n").write(
            to: conf.appendingPathComponent("transport"), atomically: true, encoding: .utf8)
        let started = try ProcessRunner.run("/usr/sbin/postfix", ["-c", conf.path, "start"])
        guard started.status == 0 else {
            throw PostfixError(log: (try? String(contentsOf: log, encoding: .utf8)) ?? started.stderr)
        }
        try FreePort.waitUntilListening(port)
    }

    public struct PostfixError: Error, CustomStringConvertible {
        public var log: String
        public var description: String { "postfix did not start:\n\(log)" }
    }

    public var maillog: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    public func stop() {
        _ = try? ProcessRunner.run(
            "/usr/sbin/postfix", ["-c", directory.appendingPathComponent("conf").path, "stop"])
    }

    deinit { stop() }
}
