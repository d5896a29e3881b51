import FacteurCore
import Foundation

/// The frames a rendering lane made lately (see `NoticeFrame`), kept for its next notices: a lane renders a
/// distribution's or an order window's recipients one after the other. One per lane, never shared between
/// threads; sixteen at most, made from one set of templates (another set empties it). Only distribution and order
/// notices have frames: an account, a digest or a relayed message is one recipient's own.
public final class NoticeFrameCache {
    /// A class: scanning the entries then costs one reference each, not a copy of every field of a notice.
    private final class Entry {
        let notice: PlannedNotice
        let empty: UInt8
        let frame: NoticeFrame

        init(notice: PlannedNotice, empty: UInt8, frame: NoticeFrame) {
            self.notice = notice
            self.empty = empty
            self.frame = frame
        }
    }

    /// The templates the frames were made from: another set empties the cache.
    private var templates: UUID?
    private var recent: [Entry] = []
    private var oldest = 0
    private static let capacity = 16
    /// How many frames it made: every other distribution or order notice it was asked for reused one.
    public private(set) var made = 0

    public init() {}

    func frame(for notice: PlannedNotice, templates set: TemplateSet) -> NoticeFrame? {
        guard notice.content.isShared, let trio = set.templates(for: notice.kind) else { return nil }
        if templates != set.identity {
            recent.removeAll()
            oldest = 0
            templates = set.identity
        }
        let empty = NoticeFrame.Hole.allCases.reduce(UInt8(0)) { bits, hole in
            hole.isEmpty(in: notice) ? bits | (1 << hole.rawValue) : bits
        }
        for entry in recent where entry.empty == empty && Self.sameWords(entry.notice, notice) {
            return entry.frame
        }
        let entry = Entry(
            notice: notice, empty: empty, frame: NoticeFrame(notice, trio: trio, language: set.language))
        made += 1
        if recent.count < Self.capacity {
            recent.append(entry)
        } else {
            recent[oldest] = entry
            oldest = (oldest + 1) % Self.capacity
        }
        return entry.frame
    }

    /// Whether two notices read the same words but for their recipients' own values (which of those are empty
    /// is compared by the caller). The first, given the second's own values (its key, recipient, unsubscribe
    /// token and thread), must equal the second by its own `==`: every other field, those added later included,
    /// is compared without anyone remembering to. Every text the words are made of is compared again byte for
    /// byte (`SameBytes`).
    static func sameWords(_ a: PlannedNotice, _ b: PlannedNotice) -> Bool {
        guard a.kind == b.kind, a.amap.id == b.amap.id, a.sequence == b.sequence else { return false }
        // The quick refusals first: most notices a lane keeps are of another distribution or basket.
        switch (a.content, b.content) {
        case (.distribution(let x), .distribution(let y)):
            guard x.distribution.id == y.distribution.id, x.deliveries.count == y.deliveries.count,
                x.recipientIsOnDuty == y.recipientIsOnDuty
            else { return false }
        case (.order(let x), .order(let y)):
            guard x.window.id == y.window.id else { return false }
        default:
            return false
        }
        var withOwnValues = a
        withOwnValues.key = b.key
        withOwnValues.recipient = b.recipient
        withOwnValues.unsubscribe = b.unsubscribe
        withOwnValues.threadKey = b.threadKey
        guard withOwnValues == b, SameBytes.equal(a.unsubscribe?.address, b.unsubscribe?.address) else { return false }
        switch (a.content, b.content) {
        case (.distribution(let x), .distribution(let y)):
            guard SameBytes.equal(x.distribution.place, y.distribution.place),
                SameBytes.equal(x.distribution.notes, y.distribution.notes),
                SameBytes.equal(x.previous?.place, y.previous?.place),
                zip(x.deliveries, y.deliveries).allSatisfy({
                    SameBytes.equal($0.contract, $1.contract) && SameBytes.equal($0.producer, $1.producer)
                        && SameBytes.equal($0.farm, $1.farm)
                        && SameBytes.equal($0.notes, $1.notes)
                }),
                zip(x.volunteers, y.volunteers).allSatisfy({
                    SameBytes.equal($0.name, $1.name) && SameBytes.equal($0.role, $1.role)
                })
            else { return false }
        case (.order(let x), .order(let y)):
            guard SameBytes.equal(x.window.unavailable, y.window.unavailable),
                SameBytes.equal(x.window.notes, y.window.notes),
                SameBytes.equal(x.contract, y.contract), SameBytes.equal(x.producer, y.producer),
                SameBytes.equal(x.farm, y.farm),
                SameBytes.equal(x.orderURL, y.orderURL), SameBytes.equal(x.distribution?.place, y.distribution?.place),
                SameBytes.equal(x.distribution?.notes, y.distribution?.notes)
            else { return false }
        default:
            return false
        }
        return SameBytes.equal(a.amap.name, b.amap.name) && SameBytes.equal(a.amap.email, b.amap.email)
            && SameBytes.equal(a.amap.replyTo, b.amap.replyTo)
            && SameBytes.equal(a.amap.website, b.amap.website)
    }
}
