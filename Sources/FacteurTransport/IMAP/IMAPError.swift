/// An IMAP operation that failed: libcurl's code and message, and what Facteur was doing.
public struct IMAPError: Error, Sendable, CustomStringConvertible, Equatable {
    public var curlCode: CurlCode
    public var message: String
    public var operation: String

    /// `CURLE_REMOTE_FILE_NOT_FOUND` on a `;UIDVALIDITY=` URL: the mailbox was recreated.
    public var uidValidityChanged: Bool { curlCode == .remoteFileNotFound }

    public var description: String { "IMAP \(operation) failed (curl \(curlCode)): \(message)" }
}
