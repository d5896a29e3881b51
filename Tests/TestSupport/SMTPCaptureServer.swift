import Foundation

/// A real SMTP server (Debian's python3-aiosmtpd, Scripts/smtp-capture.py) on 127.0.0.1, on a free
/// port, storing what it accepts. It stops when this value is released or `stop()` is called.
public final class SMTPCaptureServer: @unchecked Sendable {
    // Safe because: mutated only in init and stop(), which tests call from one task.
    public let port: Int
    public let directory: URL
    private let process: Subprocess

    /// - Parameter arguments: extra flags of smtp-capture.py (`--reply`, `--data-reply`, `--auth`…).
    public init(directory: URL, arguments: [String] = []) throws {
        self.directory = directory
        process = try Subprocess(
            "/usr/bin/python3",
            [PackagePaths.scripts.appendingPathComponent("smtp-capture.py").path, "--dir", directory.path] + arguments,
            stdin: .pipe, stdout: .pipe)
        let out = process.standardOutput!
        var line = Data()
        while true {
            let byte = out.readData(ofLength: 1)
            if byte.isEmpty || byte == Data("\n".utf8) { break }
            line.append(byte)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self)) else {
            process.terminate()
            process.waitUntilExit()
            throw CocoaError(.fileReadUnknown)
        }
        self.port = port
    }

    public func stop() {
        guard process.isRunning else { return }
        try? process.standardInput?.close()
        // Its shutdown (aiosmtpd's Controller.stop) has been seen to hang once in hundreds of runs.
        process.stop()
    }

    deinit { stop() }

    public var url: String { "smtp://127.0.0.1:\(port)" }

    /// The accepted messages' files, in arrival order.
    public var messageFiles: [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { $0.hasSuffix(".eml") }.sorted().map { directory.appendingPathComponent($0) }
    }

    public var messages: [String] {
        messageFiles.compactMap { try? String(contentsOf: $0, encoding: .utf8) }
    }
}
