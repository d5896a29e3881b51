/// Whether two texts are the same bytes. Swift's `==` on strings is Unicode equivalence, under which "é" written
/// as one character or as "e" and an accent are equal, yet a message made of them is not the same bytes: a
/// rendering lane's caches (`CalendarCache`, `NoticeFrameCache`, `HeaderMemo`) give a notice another's output only when every
/// text it is made of is the same bytes.
enum SameBytes {
    static func equal(_ a: String?, _ b: String?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (let a?, let b?): a.utf8.elementsEqual(b.utf8)
        default: false
        }
    }
}
