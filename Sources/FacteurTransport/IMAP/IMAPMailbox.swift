import FacteurCore
import FacteurSystem

/// The relay mailbox, polled through libcurl: UIDs under a UIDVALIDITY, messages read with
/// `BODY.PEEK[]` (so nothing is marked seen before Facteur has stored it), then flagged `\Seen`.
public actor IMAPMailbox {
    private let executor: DispatchQueueExecutor
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    private let settings: IMAPSettings
    private var connection: IMAPConnection?

    public init(settings: IMAPSettings) {
        executor = DispatchQueueExecutor(label: "facteur.imap")
        self.settings = settings
    }

    public nonisolated var mailbox: String { settings.mailbox }

    private func open() throws(IMAPError) -> IMAPConnection {
        if let connection { return connection }
        do {
            let c = try IMAPConnection(settings: settings)
            connection = c
            return c
        } catch {
            throw IMAPError(curlCode: error.code, message: error.message, operation: "connecting")
        }
    }

    private func run(_ command: String?, path: String, operation: String) throws(IMAPError) -> (
        header: [UInt8], body: [UInt8]
    ) {
        do {
            return try open().command(command, path: path, operation: operation)
        } catch {
            connection = nil
            throw error
        }
    }

    /// UIDVALIDITY of the mailbox (`EXAMINE`, read-only).
    public func uidValidity() throws(IMAPError) -> Int64 {
        let (header, body) = try run("EXAMINE \(settings.mailbox)", path: "", operation: "EXAMINE")
        let text = String(decoding: header + body, as: UTF8.self)
        guard let range = text.range(of: "UIDVALIDITY ") else {
            throw IMAPError(curlCode: .ok, message: "no UIDVALIDITY in the EXAMINE answer", operation: "EXAMINE")
        }
        let digits = text[range.upperBound...].prefix { $0.isNumber }
        guard let value = Int64(digits) else {
            throw IMAPError(curlCode: .ok, message: "unreadable UIDVALIDITY", operation: "EXAMINE")
        }
        return value
    }

    /// UIDs above `after`, ascending (`UID SEARCH UID n:*` also returns the last UID: filtered here).
    public func uids(after: Int64) throws(IMAPError) -> [Int64] {
        let (header, body) = try run("UID SEARCH UID \(after + 1):*", path: settings.mailbox, operation: "UID SEARCH")
        var uids: [Int64] = []
        for bytes in [body, header] {
            let text = String(decoding: bytes, as: UTF8.self)
            for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix("* SEARCH") {
                uids += line.dropFirst("* SEARCH".count).split(separator: " ").compactMap { Int64($0) }
            }
        }

        return Array(Set(uids.filter { $0 > after })).sorted()
    }

    /// The raw message, without setting `\Seen`.
    public func fetch(uid: Int64) throws(IMAPError) -> [UInt8] {
        let (header, body) = try run(
            "UID FETCH \(uid) BODY.PEEK[]", path: settings.mailbox, operation: "UID FETCH \(uid)")
        for bytes in [header, body, body + header] {
            if let literal = IMAPMailbox.literal(in: bytes) { return literal }
        }
        throw IMAPError(curlCode: .ok, message: "no message literal in the answer", operation: "UID FETCH \(uid)")
    }

    public func markSeen(uid: Int64) throws(IMAPError) {
        _ = try run("UID STORE \(uid) +FLAGS (\\Seen)", path: settings.mailbox, operation: "UID STORE \(uid)")
    }

    public func close() { connection = nil }

    /// The bytes of the first `{n}` literal.
    static func literal(in bytes: [UInt8]) -> [UInt8]? {
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "{") {
                var j = i + 1
                var n = 0
                while j < bytes.count, bytes[j] >= 48, bytes[j] <= 57 {
                    n = n * 10 + Int(bytes[j] - 48)
                    j += 1
                }
                if j > i + 1, j + 2 < bytes.count, bytes[j] == UInt8(ascii: "}"), bytes[j + 1] == 0x0D,
                    bytes[j + 2] == 0x0A
                {
                    let start = j + 3
                    guard start + n <= bytes.count else { return nil }
                    return Array(bytes[start..<(start + n)])
                }
            }
            i += 1
        }
        return nil
    }
}
