/// What became of one message, classified from libcurl's CURLcode and `CURLINFO_RESPONSE_CODE`
/// as measured on libcurl 7.88.1 (see shared/notes/libcurl-and-mail.md §2.6).
public enum SMTPOutcome: Sendable, Equatable {
    /// The server accepted the message (250 after the final dot).
    case accepted(code: Int, reply: String)
    /// 4xx for this message: try again later.
    case temporary(code: Int, reply: String)
    /// 5xx for this recipient: do not retry.
    case permanent(code: Int, reply: String)
    /// The connection dropped or timed out after the final dot (354 with error 56 or 28): it may
    /// have been delivered.
    case uncertain(detail: String)
    /// Nothing was delivered because the server could not be reached (refused, unresolvable, 421).
    case unreachable(detail: String)
    /// The server refuses us, not this message: authentication, TLS, 5.7.x policy. Pause the sender.
    case systemic(code: Int, detail: String)
    /// The envelope address was refused before any SMTP (CR/LF, no `@`…).
    case invalidAddress(String)
}
