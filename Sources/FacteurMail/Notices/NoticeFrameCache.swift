import FacteurCore

/// The frames a rendering lane made lately (see `NoticeFrame`), kept for its next notices: a lane renders a
/// distribution's or an order window's recipients one after the other. One per lane and per composer, never
/// shared; sixteen at most. Only distribution and order notices have frames: an account, a digest or a relayed
/// message is one recipient's own.
public final class NoticeFrameCache {
    /// A class: scanning the entries then costs one reference each, not a copy of every field of a notice.
    private final class Entry {
        let notice: PlannedNotice
        let language: Language
        let empty: UInt8
        let frame: NoticeFrame

        init(notice: PlannedNotice, language: Language, empty: UInt8, frame: NoticeFrame) {
            self.notice = notice
            self.language = language
            self.empty = empty
            self.frame = frame
        }
    }

    private var recent: [Entry] = []
    private var oldest = 0
    private static let capacity = 16
    /// How many frames it made: every other distribution or order notice it was asked for reused one.
    public private(set) var made = 0

    public init() {}

    func frame(for notice: PlannedNotice, trio: TemplateSet.Trio, language: Language) -> NoticeFrame? {
        switch notice.content {
        case .distribution, .order: break
        default: return nil
        }
        let empty = NoticeFrame.Hole.allCases.reduce(UInt8(0)) { bits, hole in
            hole.isEmpty(in: notice) ? bits | (1 << hole.rawValue) : bits
        }
        for entry in recent
        where entry.empty == empty && entry.language == language && Self.sameWords(entry.notice, notice) {
            return entry.frame
        }
        let entry = Entry(
            notice: notice, language: language, empty: empty, frame: NoticeFrame(notice, trio: trio, language: language))
        made += 1
        if recent.count < Self.capacity {
            recent.append(entry)
        } else {
            recent[oldest] = entry
            oldest = (oldest + 1) % Self.capacity
        }
        return entry.frame
    }

    /// Whether two notices read the same words but for their recipients' own values (which holes are empty is
    /// compared by the caller). Their own `==` compares every field (the compiler keeps it complete), and every
    /// text is compared again byte for byte: Swift's `==` on strings is Unicode equivalence, under which "é"
    /// written as one character or as "e" and an accent are equal, yet the message is not the same bytes.
    static func sameWords(_ a: PlannedNotice, _ b: PlannedNotice) -> Bool {
        guard a.kind == b.kind, a.amap.id == b.amap.id, a.sequence == b.sequence else { return false }
        switch (a.content, b.content) {
        case (.distribution(let x), .distribution(let y)):
            guard x.distribution.id == y.distribution.id, x.deliveries.count == y.deliveries.count,
                x.recipientIsOnDuty == y.recipientIsOnDuty, x == y,
                same(x.distribution.place, y.distribution.place), same(x.distribution.notes, y.distribution.notes),
                same(x.previous?.place, y.previous?.place),
                zip(x.deliveries, y.deliveries).allSatisfy({
                    same($0.contract, $1.contract) && same($0.producer, $1.producer) && same($0.farm, $1.farm)
                        && same($0.notes, $1.notes)
                }),
                zip(x.volunteers, y.volunteers).allSatisfy({ same($0.name, $1.name) && same($0.role, $1.role) })
            else { return false }
        case (.order(let x), .order(let y)):
            guard x.window.id == y.window.id, x == y, same(x.window.unavailable, y.window.unavailable),
                same(x.window.notes, y.window.notes), same(x.contract, y.contract), same(x.producer, y.producer),
                same(x.farm, y.farm), same(x.orderURL, y.orderURL), same(x.distribution?.place, y.distribution?.place),
                same(x.distribution?.notes, y.distribution?.notes)
            else { return false }
        default:
            return false
        }
        return a.amap == b.amap && same(a.amap.name, b.amap.name) && same(a.amap.email, b.amap.email)
            && same(a.amap.replyTo, b.amap.replyTo) && same(a.amap.website, b.amap.website)
            && same(a.unsubscribe?.address, b.unsubscribe?.address)
    }

    private static func same(_ a: String?, _ b: String?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (let a?, let b?): a.utf8.elementsEqual(b.utf8)
        default: false
        }
    }
}
