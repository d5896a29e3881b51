import FacteurCore
import FacteurStore
import Foundation
import TestSupport
import Testing

/// Bodies stored as a delta against a base (issue 15): the bytes sent are the bytes rendered, whatever the base and
/// the body hold, and stored bytes that do not rebuild exactly are never sent.
@Suite struct BodyDeltaTests {
    /// Reproducible randomness: the same cases on every run.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// A message-like text: lines from a small vocabulary, so that windows repeat within it as in real mail.
    func text(_ rng: inout SplitMix, lines: Int) -> [UInt8] {
        let words = [
            "Bonjour", "=C3=A9", "distribution", "<li>", "</li>", "Membre", "=\r\n", "\r\n", " ", "AMAP", "18h30",
        ]
        var out: [UInt8] = []
        for _ in 0..<lines {
            for _ in 0..<Int.random(in: 0...12, using: &rng) { out += Array(words.randomElement(using: &rng)!.utf8) }
            out += [13, 10]
        }
        return out
    }

    /// `base` changed the way one member's copy differs from another's: substitutions, insertions, deletions.
    func mutated(_ base: [UInt8], _ rng: inout SplitMix, edits: Int) -> [UInt8] {
        var out = base
        for _ in 0..<edits {
            let at = out.isEmpty ? 0 : Int.random(in: 0..<out.count, using: &rng)
            let length = Int.random(in: 0...40, using: &rng)
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            switch Int.random(in: 0..<3, using: &rng) {
            case 0: out.replaceSubrange(at..<min(out.count, at + length), with: bytes)
            case 1: out.insert(contentsOf: bytes, at: at)
            default: out.removeSubrange(at..<min(out.count, at + length))
            }
        }
        return out
    }

    @Test("a delta applied to its base gives the target byte for byte: copies edited, unrelated, empty, tiny, repeated")
    func roundTrip() throws {
        var rng = SplitMix(state: 15)
        var cases: [(base: [UInt8], target: [UInt8])] = [
            ([], []), ([], [1, 2, 3]), ([1, 2, 3], []), ([7], [7]),
            (Array(repeating: 65, count: 5_000), Array(repeating: 65, count: 5_003)),
            (Array(repeating: 0, count: 64), Array(repeating: 0xFF, count: 64)),
        ]
        for _ in 0..<300 {
            let base = text(&rng, lines: Int.random(in: 0...120, using: &rng))
            cases.append((base, mutated(base, &rng, edits: Int.random(in: 0...12, using: &rng))))
            cases.append((base, text(&rng, lines: Int.random(in: 0...60, using: &rng))))
            cases.append(
                (base, (0..<Int.random(in: 0...600, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }))
        }
        var shared = 0
        for (base, target) in cases {
            let index = BodyDelta.Index(base)
            let delta = BodyDelta.encode(target, against: index)
            #expect(try BodyDelta.apply(delta, to: base, length: target.count) == target)
            #expect(BodyDelta.rebuilds(target, from: delta, base: base))
            if target.count > 1_000, delta.count * 4 < target.count { shared += 1 }
        }
        // It is a delta, not a copy: the edited copies of long texts come out far smaller than themselves.
        #expect(shared > 100)
    }

    @Test("stored bytes that do not fit never trap: truncated, random, huge lengths and offsets, another base")
    func hostileDeltas() {
        var rng = SplitMix(state: 42)
        let base = text(&rng, lines: 80)
        let target = mutated(base, &rng, edits: 5)
        let delta = BodyDelta.encode(target, against: BodyDelta.Index(base))
        // Every prefix of a good delta: rebuilt exactly only when whole.
        for cut in 0..<delta.count {
            let prefix = Array(delta[..<cut])
            #expect((try? BodyDelta.apply(prefix, to: base, length: target.count)) == nil)
            #expect(!BodyDelta.rebuilds(target, from: prefix, base: base))
        }
        // Against another base, or with another length, it is refused, not sent as something else.
        var other = base
        other[other.count / 2] ^= 0x01
        if (try? BodyDelta.apply(delta, to: other, length: target.count)) == target {
            Issue.record("a changed base still gave the target: the test's change missed every copy")
        }
        #expect((try? BodyDelta.apply(delta, to: base, length: target.count + 1)) == nil)
        #expect((try? BodyDelta.apply(delta, to: [], length: target.count)) == nil)
        // Random bytes, and lengths and offsets at the edges of the integers.
        let edges: [[UInt8]] = [
            [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F],
            [0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F],
            [0x03, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F],
            [0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
            [0x02], [0x01], [0x80],
        ]
        for bytes in edges
            + (0..<2_000).map({ _ in
                (0..<Int.random(in: 0...40, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            })
        {
            _ = try? BodyDelta.apply(bytes, to: base, length: Int.random(in: 0...10_000, using: &rng))
            _ = BodyDelta.rebuilds(target, from: bytes, base: base)
        }
        #expect((try? BodyDelta.apply([0x02], to: base, length: Int.max)) == nil)
    }

    @Test("the fingerprint changes with any one byte, with the length, and with bytes moved")
    func fingerprint() {
        var rng = SplitMix(state: 7)
        let body = text(&rng, lines: 60)
        let print = BodyDelta.fingerprint(body)
        for position in stride(from: 0, to: body.count, by: 7) {
            var changed = body
            changed[position] ^= 0x20
            #expect(BodyDelta.fingerprint(changed) != print)
        }
        #expect(BodyDelta.fingerprint(body + [0]) != print)
        #expect(BodyDelta.fingerprint(Array(body.dropLast())) != print)
        #expect(BodyDelta.fingerprint(Array(body[8...] + body[..<8])) != print)
    }
}
