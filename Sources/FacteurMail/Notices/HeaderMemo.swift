import FacteurCore
import Foundation

/// The header values a rendering lane wrote last, kept for its next message: a distribution's or a window's members
/// get one after the other the same `Date`, `From`, `Subject` and `List-Id`, and each was encoded again for every
/// one of them (issue 15). One per lane, never shared between threads. A value is given back only for the same
/// bytes (`SameBytes`), the same instant and zone, and the same kind.
public final class HeaderMemo {
    private var date: (date: Date, zone: TimeZone, value: String)?
    private var from: (name: String, address: String, value: String)?
    private var subject: (text: String, value: String)?
    private var listID: (amap: String, domain: String, kind: NoticeKind, value: String)?

    public init() {}

    func date(_ date: Date, timeZone: TimeZone) -> String {
        if let last = self.date, last.date == date, last.zone == timeZone { return last.value }
        let value = RFC5322Date.string(date, timeZone: timeZone)
        self.date = (date, timeZone, value)
        return value
    }

    func from(_ amap: Amap) -> String {
        if let last = from, SameBytes.equal(last.name, amap.name), SameBytes.equal(last.address, amap.email) {
            return last.value
        }
        let value = Mailbox(name: amap.name, address: amap.email).headerValue
        from = (amap.name, amap.email, value)
        return value
    }

    func subject(_ text: String) -> String {
        if let last = subject, SameBytes.equal(last.text, text) { return last.value }
        let value = EncodedWord.encodeIfNeeded(text)
        subject = (text, value)
        return value
    }

    func listID(_ amap: Amap, kind: NoticeKind) -> String {
        if let last = listID, last.kind == kind, SameBytes.equal(last.amap, amap.name),
            SameBytes.equal(last.domain, amap.domain)
        {
            return last.value
        }
        let value = MessageHeaders.listID(amap: amap, kind: kind)
        listID = (amap.name, amap.domain, kind, value)
        return value
    }
}
