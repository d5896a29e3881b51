import Foundation
import Testing

@testable import FacteurMail

/// The caches' byte-for-byte comparison of texts (issue 15).
@Suite struct SameBytesTests {
    @Test("the same bytes, and only those: not two Unicode forms of one text, even of one length")
    func sameBytes() {
        // Canonically equivalent, both five bytes: `==` says equal, the bytes differ.
        let a = "\u{1E0B}\u{0323}"
        let b = "\u{1E0D}\u{0307}"
        #expect(a == b && a.utf8.count == b.utf8.count)
        #expect(!SameBytes.equal(a, b))
        #expect(!SameBytes.equal("L\u{E9}a", "Le\u{301}a"))
        let long = String(repeating: "Légumes de saison ", count: 40)
        #expect(SameBytes.equal(long, long + ""))
        #expect(!SameBytes.equal(long, String(long.dropLast()) + "x"))
        #expect(!SameBytes.equal("x" + String(long.dropFirst()), long))
        #expect(SameBytes.equal("", ""))
        #expect(!SameBytes.equal("", "a"))
        #expect(SameBytes.equal("court", "court"))
        #expect(!SameBytes.equal("court", "courT"))
        // Bytes decoded into a new string, and a substring's copy: other storage, same bytes.
        #expect(SameBytes.equal(String(decoding: Array(long.utf8), as: UTF8.self), long))
        #expect(SameBytes.equal(String(long[long.startIndex...]), long))
        #expect(SameBytes.equal(nil, nil))
        #expect(!SameBytes.equal(nil, ""))
        #expect(!SameBytes.equal(Optional(""), nil))
    }
}
