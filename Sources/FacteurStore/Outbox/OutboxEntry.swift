import FacteurCore
import Foundation

/// A new outbox row: the notice, its rendered bytes and its Message-ID, written once at enqueue.
public struct OutboxEntry: Sendable {
    /// What the log line of the row says. The entry keeps these, not the notice: a pass holds thousands of
    /// entries, and each copy of a notice in its entry was another allocation to fill and free (issue 15).
    public let key: NoticeKey
    public let sendAfter: Date
    public let expired: Bool
    public let messageID: String
    /// Nil for a notice recorded as already `expired`.
    public let body: [UInt8]?
    /// The body as a delta against one of its chunk's bases (`BodyDelta`), when the rendering lane found one that
    /// shares most of it; nil: the body is stored whole.
    public private(set) var delta: StoredDelta?
    /// The row's values, but for the instant it is written, made where the entry is made (a rendering lane):
    /// the one writer then only binds them (issue 15: the key's text, the topic, the time zone's name… were
    /// made for each row on the writer, which a cold start waits for).
    let values: [SQLValue]

    public init(notice: PlannedNotice, messageID: String, body: [UInt8]?) {
        key = notice.key
        sendAfter = notice.sendAfter
        expired = notice.expired
        self.messageID = messageID
        self.body = body
        values = Outbox.values(of: notice, messageID: messageID, hasBody: body != nil)
    }
}

extension OutboxEntry {
    /// Stores the body as a delta against `index`'s base, the `base`-th of its chunk, when that is shorter by half
    /// and rebuilds the very bytes rendered (checked here, once, where the body is at hand). Returns whether it does.
    @discardableResult
    public mutating func storeAgainst(base: Int, index: BodyDelta.Index) -> Bool {
        guard let body, body.count >= 256 else { return false }
        let bytes = BodyDelta.encode(body, against: index)
        guard bytes.count * 2 <= body.count, BodyDelta.rebuilds(body, from: bytes, base: index.base) else {
            return false
        }
        delta = StoredDelta(
            base: base, bytes: bytes, length: body.count, fingerprint: BodyDelta.fingerprint(body),
            baseFingerprint: index.fingerprint)
        return true
    }
}

/// A body stored against a base of its chunk: the operations, what the whole message's length and fingerprint must
/// be when rebuilt, and the fingerprint of the base it was made against (`enqueue` stores the body whole if the
/// base it is given is another).
public struct StoredDelta: Sendable, Equatable {
    public let base: Int
    public let bytes: [UInt8]
    public let length: Int
    public let fingerprint: Int64
    public let baseFingerprint: Int64
}

/// A row the sender has claimed.
public struct OutboxMessage: Sendable, Equatable {
    public var id: Int64
    public var key: NoticeKey
    public var kind: NoticeKind { key.kind }
    public var recipient: String
    public var messageID: String
    public var body: [UInt8]
    public var state: OutboxState
    public var timeZone: TimeZone
    public var lateUntil: Date
    public var createdAt: Date
    public var attempts: Int
    public var recoveries: Int
    /// The first attempt that failed (4xx, or an ambiguous outcome); nil while none has.
    public var firstFailedAt: Date?
    /// The AMAP's Facteur address, where its bounces return: the envelope sender unless `smtp.envelope_from`
    /// overrides it for every AMAP.
    public var envelopeFrom: String
}
