/// A notice's Message-ID begins with its key, slashes written as dots, then a token and the AMAP's domain:
/// `announcement.d42.m7.3f9a0c1d@amap.example.org`. The stem is made here, the whole Message-ID by
/// `MessageHeaders.messageID`, and a bounce's Message-ID is read back here.
///
/// A bounce names the Message-ID; the outbox finds its row through the key's index, so that no index of its own is
/// kept on Message-IDs: each was one entry of some 70 bytes more per notice written, and 15 % of the bytes a
/// week's notices wrote to the log (issue 15, migration 20).
extension NoticeKey {
    /// The Message-ID's local part before its token: `announcement.d42.m7`.
    public var messageIDStem: String {
        String(decoding: rawValue.utf8.map { $0 == UInt8(ascii: "/") ? UInt8(ascii: ".") : $0 }, as: UTF8.self)
    }

    /// Where a Message-ID's row can be, in the order of the outbox's keys: its key is `exactly` (a key of a kind
    /// alone), or at or after `from` and before `before`.
    public struct MessageIDSpan: Sendable, Equatable {
        public var exactly: String
        public var from: String
        public var before: String
    }

    /// The span of keys a Message-ID of Facteur's can belong to; nil for a text without a kind before a dot and a
    /// domain after an `@`. The rows found there are then compared by their whole Message-ID.
    ///
    /// The stem's first part is a kind (never a dot nor a slash). Its second ends, in the key, at a slash, at a dot
    /// (a claim's own dots) or at the key's end; slash and dot sort before `0`. So a key whose stem is
    /// `kind.second…` lies in [`kind/second`, `kind/second0`): one subject's rows, never a kind's.
    public static func span(ofMessageID id: String) -> MessageIDSpan? {
        guard let at = id.utf8.lastIndex(of: UInt8(ascii: "@")) else { return nil }
        let local = id.utf8[..<at]
        let parts = local.split(separator: UInt8(ascii: "."), maxSplits: 2, omittingEmptySubsequences: false)
        // A kind and a token at least; the key's parts are never empty but for a subject of none.
        guard parts.count >= 2, !parts[0].isEmpty, !parts[0].contains(UInt8(ascii: "/")) else { return nil }
        let kind = String(decoding: parts[0], as: UTF8.self)
        let prefix = kind + "/" + String(decoding: parts[1], as: UTF8.self)
        return MessageIDSpan(exactly: kind, from: prefix, before: prefix + "0")
    }
}
