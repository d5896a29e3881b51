import Foundation

/// Whether two texts are the same bytes. Swift's `==` on strings is Unicode equivalence, under which "é" written
/// as one character or as "e" and an accent are equal, yet a message made of them is not the same bytes: a
/// rendering lane's caches (`CalendarCache`, `NoticeFrameCache`, `HeaderMemo`) give a notice another's output only
/// when every text it is made of is the same bytes.
enum SameBytes {
    static func equal(_ a: String?, _ b: String?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (let a?, let b?): equal(a, b)
        default: false
        }
    }

    /// The lengths first, then the stored bytes at once where both strings keep them contiguous (Swift's own
    /// strings do): compared byte by byte through their views, this was 1.3 % of the week's tick (issue 15).
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = a.utf8
        let y = b.utf8
        guard x.count == y.count else { return false }
        let stored = x.withContiguousStorageIfAvailable { p in
            y.withContiguousStorageIfAvailable { q in
                guard let p = p.baseAddress, let q = q.baseAddress else { return true }  // both empty
                return memcmp(p, q, x.count) == 0
            }
        }
        if let stored, let same = stored { return same }
        return x.elementsEqual(y)
    }
}
