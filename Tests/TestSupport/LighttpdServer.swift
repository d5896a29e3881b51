import Foundation

/// Debian's lighttpd on 127.0.0.1 with mod_cgi, serving `*.cgi` programs from a fresh document root, for
/// testing `facteur cgi` as a real web server runs it. Stops when released.
public final class LighttpdServer: @unchecked Sendable {
    // Safe because: mutated only in init and stop(), which tests call from one task.
    public let port: Int
    public let root: URL
    private let process: Subprocess

    public static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: "/usr/sbin/lighttpd") }

    public init(directory: URL) throws {
        root = directory.appendingPathComponent("www")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        port = try FreePort.find()
        let config = directory.appendingPathComponent("lighttpd.conf")
        try """
            server.document-root = "\(root.path)"
            server.bind = "127.0.0.1"
            server.port = \(port)
            server.modules = ("mod_cgi")
            cgi.assign = (".cgi" => "")
            server.errorlog = "\(directory.path)/lighttpd-error.log"
            server.pid-file = "\(directory.path)/lighttpd.pid"
            """.write(to: config, atomically: true, encoding: .utf8)
        process = try Subprocess("/usr/sbin/lighttpd", ["-D", "-f", config.path])
        try FreePort.waitUntilListening(port)
    }

    /// Installs an executable CGI program at `/<name>`.
    public func install(_ name: String, script: String) throws {
        let url = root.appendingPathComponent(name)
        try script.write(to: url, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
    }

    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)/\(path)" }

    /// SIGKILL: lighttpd in the foreground (`-D`) may wait on SIGTERM for connections to drain.
    public func stop() {
        guard process.isRunning else { return }
        _ = try? ProcessRunner.run("/bin/kill", ["-9", String(process.processIdentifier)])
        process.waitUntilExit()
    }

    deinit { stop() }
}

