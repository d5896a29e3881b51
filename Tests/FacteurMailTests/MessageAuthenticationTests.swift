import FacteurSystem
import Foundation
import Testing

/// HMAC-SHA-256 signs every token a member or coordinator sends back; these are RFC 4231's own vectors.
@Suite struct MessageAuthenticationTests {
    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test("RFC 4231 test cases 1, 2 and 6 (a 131-byte key, hashed first)")
    func vectors() {
        let cases: [(key: [UInt8], data: String, tag: String)] = [
            (
                [UInt8](repeating: 0x0B, count: 20), "Hi There",
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"
            ),
            (
                Array("Jefe".utf8), "what do ya want for nothing?",
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
            ),
            (
                [UInt8](repeating: 0xAA, count: 131), "Test Using Larger Than Block-Size Key - Hash Key First",
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
            ),
        ]
        for c in cases {
            let mac = MessageAuthentication(key: c.key)
            #expect(Self.hex(mac.tag(Array(c.data.utf8))) == c.tag)
            // The prepared key is only read: a second tag is the same.
            #expect(Self.hex(mac.tag(Array(c.data.utf8))) == c.tag)
        }
        // An empty message, and an empty key (signed by the one-shot call), as Python's hmac computes them.
        #expect(
            Self.hex(MessageAuthentication(key: Array("key".utf8)).tag([]))
                == "5d5d139563c95b5967b9bd9a8c9b233a9dedb45072794cd232dc1b74832607d0")
        #expect(
            Self.hex(MessageAuthentication(key: []).tag(Array("The quick brown fox jumps over the lazy dog".utf8)))
                == "fb011e6154a19b9a4c767373c305275a5a69e8b68b0b4c9200c383dced19a416")
    }

    @Test("many threads signing with one key at once get the tags one thread gets")
    func sharedKey() async {
        let mac = MessageAuthentication(key: Array("secret of the AMAP".utf8))
        let messages = (0..<400).map { Array("u.\($0).announcement".utf8) }
        let expected = messages.map { mac.tag($0) }
        let results = await withTaskGroup(of: (Int, [UInt8]).self) { group in
            for (i, message) in messages.enumerated() { group.addTask { (i, mac.tag(message)) } }
            var tags = [[UInt8]](repeating: [], count: messages.count)
            for await (i, tag) in group { tags[i] = tag }
            return tags
        }
        #expect(results == expected)
    }
}
