import Foundation

/// Postfix's `smtp-sink` on 127.0.0.1, scripted to misbehave with its own flags (`-r CMD` 4xx, `-f CMD`
/// 5xx, `-q CMD` disconnect, `-Q CMD` 421, `-W CMD:delay`, `-t idle`): real faults from a real server.
public final class SMTPSink: @unchecked Sendable {
    // Safe because: immutable after init; stop() is idempotent and called from one task.
    public let port: Int
    private let process: Subprocess

    public init(_ flags: [String]) throws {
        port = try FreePort.find()
        process = try Subprocess("/usr/sbin/smtp-sink", ["-u", "nobody"] + flags + ["127.0.0.1:\(port)", "16"])
        try FreePort.waitUntilListening(port)
    }

    public var url: String { "smtp://127.0.0.1:\(port)" }

    public func stop() {
        guard process.isRunning else { return }
        // smtp-sink runs as nobody and does not stop on SIGTERM: SIGKILL it.
        _ = try? ProcessRunner.run("/bin/kill", ["-9", String(process.processIdentifier)])
        process.waitUntilExit()
    }

    deinit { stop() }
}

/// A throw-away self-signed certificate for 127.0.0.1 (openssl), for the TLS tests.
public struct SelfSignedCertificate {
    public let certificate: String
    public let key: String

    public init(in directory: TemporaryDirectory) throws {
        certificate = directory.path("cert.pem")
        key = directory.path("key.pem")
        let result = try ProcessRunner.run(
            "/usr/bin/openssl",
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
             "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", certificate])
        guard result.status == 0 else { throw CocoaError(.fileWriteUnknown) }
    }
}
