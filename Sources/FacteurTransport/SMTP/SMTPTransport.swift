import FacteurCore
import FacteurSystem

/// The daemon's SMTP sender: owns one connection, used from its own executor so that blocking
/// `curl_easy_perform` calls never stall the cooperative pool.
public actor SMTPTransport {
    private let executor: DispatchQueueExecutor
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    private let settings: SMTPSettings
    private var connection: SMTPConnection?

    /// `sharing` runs the transport on another actor's executor (the store's, for the daemon's sender), so
    /// that going from one to the other costs no thread switch. Its own queue otherwise.
    public init(settings: SMTPSettings, sharing: DispatchQueueExecutor? = nil) {
        executor = sharing ?? DispatchQueueExecutor(label: "facteur.smtp")
        self.settings = settings
    }

    /// Sends one message; the connection is created on first use and kept for the next.
    public func send(from: String, to: String, message: [UInt8]) -> SMTPResult {
        do {
            if connection == nil { connection = try SMTPConnection(settings: settings) }
        } catch {
            return SMTPResult(outcome: .systemic(code: 0, detail: error.description), replies: [])
        }
        let (outcome, replies) = connection!.send(from: from, to: to, message: message)
        return SMTPResult(outcome: outcome, replies: replies)
    }

    /// Checks that the server can be reached and accepts our TLS and credentials, on a separate connection.
    public func probe() -> SMTPOutcome {
        do { return try SMTPConnection(settings: settings).probe() } catch {
            return .systemic(code: 0, detail: error.description)
        }
    }

    /// Closes the connection (libcurl sends QUIT).
    public func close() {
        connection = nil
    }
}

/// An outcome with every reply line the server sent during the transaction.
public struct SMTPResult: Sendable, Equatable {
    public var outcome: SMTPOutcome
    public var replies: [String]
}
