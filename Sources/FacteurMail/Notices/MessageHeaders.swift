import FacteurCore
import Foundation

/// Header fields every Facteur message carries, and the list headers of opt-out-able kinds.
public enum MessageHeaders {
    /// `memo`: the lane's last values (see `HeaderMemo`); nil writes each one afresh (a memo of its own).
    public static func common(
        amap: Amap, to: Mailbox, replyTo: String?, subject: String, messageID: String, date: Date, kind: NoticeKind,
        memo: HeaderMemo? = nil
    ) -> [MailMessage.Field] {
        let memo = memo ?? HeaderMemo()
        var fields: [MailMessage.Field] = [
            .init("Date", memo.date(date, timeZone: amap.timeZone)),
            .init("From", memo.from(amap)),
            .init("To", to.headerValue),
        ]
        if let replyTo, !replyTo.isEmpty {
            fields.append(.init("Reply-To", Mailbox(address: replyTo).headerValue))
        }
        fields += [
            .init("Subject", memo.subject(subject)),
            .init("Message-ID", "<\(messageID)>"),
            .init("Auto-Submitted", "auto-generated"),
            .init("X-Facteur-Kind", kind.rawValue),
        ]
        return fields
    }

    /// `List-Id` (RFC 2919) and `List-Unsubscribe` (RFC 2369) so mail clients offer a way out that works:
    /// a `mailto:` to the AMAP's Facteur address with the signed token, and with `unsubscribe.url` the same
    /// token as an `https:` link plus `List-Unsubscribe-Post` (RFC 8058 one-click).
    public static func list(
        amap: Amap, kind: NoticeKind, links: UnsubscribeLinks, memo: HeaderMemo? = nil
    ) -> [MailMessage.Field] {
        var fields: [MailMessage.Field] = [.init("List-Id", (memo ?? HeaderMemo()).listID(amap, kind: kind))]
        if let url = links.url {
            fields.append(.init("List-Unsubscribe", "<\(url)>, <\(links.mailto)>"))
            fields.append(.init("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"))
        } else {
            fields.append(.init("List-Unsubscribe", "<\(links.mailto)>"))
        }
        return fields
    }

    /// `List-Id`'s value: the AMAP's name and the kind as its phrase, the kind under the AMAP's domain as its id.
    static func listID(amap: Amap, kind: NoticeKind) -> String {
        let label = String(
            decoding: kind.rawValue.utf8.map { $0 == UInt8(ascii: "_") ? UInt8(ascii: "-") : $0 }, as: UTF8.self)
        let phrase = EncodedWord.encodeIfNeeded("\(amap.name) (\(kind.rawValue))")
        let quotedPhrase = phrase.hasPrefix("=?") ? phrase : "\"\(phrase)\""
        return "\(quotedPhrase) <\(label).\(amap.domain)>"
    }

    /// A fresh, globally unique Message-ID under the AMAP's domain for the outbox key, e.g.
    /// `announcement.d42.m7.3f9a0c1d@amap.example.org`.
    /// A bounce finds its row through the key this begins with (`NoticeKey.span(ofMessageID:)`).
    public static func messageID(for key: NoticeKey, domain: String, token: String) -> String {
        "\(key.messageIDStem).\(token)@\(domain)"
    }
}
