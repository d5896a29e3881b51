import Foundation

/// A message that came to a relay address, as stored.
public struct InboundRecord: Sendable, Equatable {
    public var id: Int64
    public var receivedAt: Date
    public var source: String
    public var recipient: String
    public var sender: String
    public var senderName: String
    public var subject: String
    public var messageID: String?
    public var raw: [UInt8]
    public var size: Int
    public var contractID: Int64?
    public var state: InboundState
    public var reason: String?
}

/// A new inbound message to store.
public struct NewInbound: Sendable {
    public var source: String
    public var recipient: String
    public var sender: String
    public var senderName: String
    public var subject: String
    public var messageID: String?
    public var raw: [UInt8]
    public var contractID: Int64?
    public var imapUIDValidity: Int64?
    public var imapUID: Int64?

    public init(
        source: String, recipient: String, sender: String, senderName: String, subject: String, messageID: String?,
        raw: [UInt8], contractID: Int64?, imapUIDValidity: Int64? = nil, imapUID: Int64? = nil
    ) {
        self.source = source
        self.recipient = recipient
        self.sender = sender
        self.senderName = senderName
        self.subject = subject
        self.messageID = messageID
        self.raw = raw
        self.contractID = contractID
        self.imapUIDValidity = imapUIDValidity
        self.imapUID = imapUID
    }

    /// Same recipient and same Message-ID (or, without one, same bytes): the same message.
    public var dedupe: String {
        let identity = messageID.map { "id:\($0)" } ?? "hash:\(RawHash.hash(raw))"
        return "\(recipient.lowercased())|\(identity)"
    }
}

enum RawHash {
    static func hash(_ bytes: [UInt8]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01b3
        }
        return String(h, radix: 16) + "-\(bytes.count)"
    }
}
