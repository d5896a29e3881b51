/// A body stored as the bytes it shares with a base plus its own (issue 15). A distribution's fifty announcements
/// differ in a few hundred bytes (the greeting, the address, the tokens, the boundaries); stored whole they were a
/// gigabyte a week, written to the log and again to the database. A delta is a list of operations: copy a run of
/// the base, or insert bytes of its own. The base is a message rendered for a placeholder recipient
/// (`facteur_outbox_base`), never a member's own.
///
/// Nothing here trusts the stored bytes: `apply` checks every length and offset and throws on anything that does
/// not fit, and the caller compares the length and fingerprint kept beside the delta before sending a byte.
public enum BodyDelta {
    /// Runs shorter than this are inserted as they are: a copy costs its offset and length.
    static let minimumRun = 8

    /// Why stored bytes could not be rebuilt.
    public enum Damage: Error, Equatable, Sendable {
        case truncated(at: Int)
        case outsideBase(offset: Int, length: Int, baseLength: Int)
        case wrongLength(expected: Int, rebuilt: Int)
        case wrongFingerprint
    }

    /// The base's eight-byte windows by position, built once and used for every body stored against it.
    public struct Index: Sendable {
        public let base: [UInt8]
        public let fingerprint: Int64
        private var slots: [Int32]
        private let shift: UInt64

        public init(_ base: [UInt8]) {
            self.base = base
            fingerprint = BodyDelta.fingerprint(base)
            var bits = 10
            while (1 << bits) < base.count * 2 && bits < 24 { bits += 1 }
            shift = UInt64(64 - bits)
            slots = Array(repeating: -1, count: 1 << bits)
            guard base.count >= BodyDelta.minimumRun else { return }
            base.withUnsafeBytes { raw in
                // Backwards, so that the first position of a repeated window is the one kept.
                for position in stride(from: base.count - BodyDelta.minimumRun, through: 0, by: -1) {
                    slots[slot(raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))] = Int32(position)
                }
            }
        }

        func slot(_ window: UInt64) -> Int { Int(truncatingIfNeeded: (window &* 0x9E37_79B9_7F4A_7C15) >> shift) }

        func candidate(_ window: UInt64) -> Int { Int(slots[slot(window)]) }
    }

    /// The operations that rebuild `target` from the index's base.
    public static func encode(_ target: [UInt8], against index: Index) -> [UInt8] {
        let base = index.base
        var out: [UInt8] = []
        out.reserveCapacity(512)
        var literalStart = 0
        var i = 0
        // Where the base would continue if the bytes since the last copy were a substitution of the same length
        // (a token, a boundary): tried before the index.
        var predicted = -1
        target.withUnsafeBytes { t in
            base.withUnsafeBytes { b in
                while i + minimumRun <= target.count {
                    let window = t.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    var at = -1
                    if predicted >= 0, predicted + minimumRun <= base.count,
                        b.loadUnaligned(fromByteOffset: predicted, as: UInt64.self) == window
                    {
                        at = predicted
                    } else {
                        let c = index.candidate(window)
                        if c >= 0, b.loadUnaligned(fromByteOffset: c, as: UInt64.self) == window { at = c }
                    }
                    guard at >= 0 else {
                        i += 1
                        if predicted >= 0 { predicted += 1 }
                        continue
                    }
                    var start = i
                    var from = at
                    while start > literalStart, from > 0, t[start - 1] == b[from - 1] {
                        start -= 1
                        from -= 1
                    }
                    var end = i + minimumRun
                    var through = at + minimumRun
                    // Eight bytes at a time while they agree, then byte by byte.
                    while end + 8 <= target.count, through + 8 <= base.count,
                        t.loadUnaligned(fromByteOffset: end, as: UInt64.self)
                            == b.loadUnaligned(fromByteOffset: through, as: UInt64.self)
                    {
                        end += 8
                        through += 8
                    }
                    while end < target.count, through < base.count, t[end] == b[through] {
                        end += 1
                        through += 1
                    }
                    insert(target[literalStart..<start], into: &out)
                    copy(from: from, count: end - start, into: &out)
                    i = end
                    literalStart = end
                    predicted = through
                }
            }
        }
        insert(target[literalStart...], into: &out)
        return out
    }

    /// The bytes the operations describe, each checked against the base; `length`: what the row says it holds.
    public static func apply(_ delta: [UInt8], to base: [UInt8], length: Int) throws(Damage) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(max(0, min(length, 1 << 26)))
        var p = 0
        while p < delta.count {
            let head = try varint(delta, &p)
            let count = Int(truncatingIfNeeded: head >> 1)
            guard head >> 1 <= UInt64(Int32.max) else { throw .truncated(at: p) }
            if head & 1 == 1 {
                let offsetValue = try varint(delta, &p)
                guard offsetValue <= UInt64(Int32.max) else {
                    throw .outsideBase(offset: -1, length: count, baseLength: base.count)
                }
                let offset = Int(offsetValue)
                guard offset + count <= base.count else {
                    throw .outsideBase(offset: offset, length: count, baseLength: base.count)
                }
                out.append(contentsOf: base[offset..<(offset + count)])
            } else {
                guard count <= delta.count - p else { throw .truncated(at: p) }
                out.append(contentsOf: delta[p..<(p + count)])
                p += count
            }
            guard out.count <= length else { throw .wrongLength(expected: length, rebuilt: out.count) }
        }
        guard out.count == length else { throw .wrongLength(expected: length, rebuilt: out.count) }
        return out
    }

    /// Whether the operations rebuild exactly `target` from `base`: what `apply` would give, compared in place.
    public static func rebuilds(_ target: [UInt8], from delta: [UInt8], base: [UInt8]) -> Bool {
        var p = 0
        var at = 0
        while p < delta.count {
            guard let head = try? varint(delta, &p), head >> 1 <= UInt64(Int32.max) else { return false }
            let count = Int(head >> 1)
            guard count <= target.count - at else { return false }
            if head & 1 == 1 {
                guard let offsetValue = try? varint(delta, &p), offsetValue <= UInt64(Int32.max),
                    Int(offsetValue) + count <= base.count, same(base, Int(offsetValue), target, at, count)
                else { return false }
            } else {
                guard count <= delta.count - p, same(delta, p, target, at, count)
                else { return false }
                p += count
            }
            at += count
        }
        return at == target.count
    }

    /// A 64-bit fingerprint of a whole body, kept beside its delta: a base changed or swapped by hand, or a bug,
    /// is found before a byte is sent. Not a defence against an attacker, who could write the body itself.
    public static func fingerprint(_ bytes: [UInt8]) -> Int64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(bytes.count)
        bytes.withUnsafeBytes { raw in
            var i = 0
            while i + 8 <= raw.count {
                h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x0000_0100_0000_01B3
                h ^= h >> 29
                i += 8
            }
            while i < raw.count {
                h = (h ^ UInt64(raw[i])) &* 0x0000_0100_0000_01B3
                i += 1
            }
        }
        return Int64(bitPattern: h ^ (h >> 32))
    }

    /// `count` bytes of `a` from `i` and of `b` from `j` are the same (both ranges already checked to fit).
    private static func same(_ a: [UInt8], _ i: Int, _ b: [UInt8], _ j: Int, _ count: Int) -> Bool {
        a.withUnsafeBytes { x in
            b.withUnsafeBytes { y in
                var k = 0
                while k + 8 <= count {
                    guard
                        x.loadUnaligned(fromByteOffset: i + k, as: UInt64.self)
                            == y.loadUnaligned(fromByteOffset: j + k, as: UInt64.self)
                    else { return false }
                    k += 8
                }
                while k < count {
                    guard x[i + k] == y[j + k] else { return false }
                    k += 1
                }
                return true
            }
        }
    }

    private static func insert(_ bytes: ArraySlice<UInt8>, into out: inout [UInt8]) {
        guard !bytes.isEmpty else { return }
        appendVarint(UInt64(bytes.count) << 1, to: &out)
        out.append(contentsOf: bytes)
    }

    private static func copy(from offset: Int, count: Int, into out: inout [UInt8]) {
        appendVarint(UInt64(count) << 1 | 1, to: &out)
        appendVarint(UInt64(offset), to: &out)
    }

    private static func appendVarint(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    private static func varint(_ bytes: [UInt8], _ p: inout Int) throws(Damage) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard p < bytes.count, shift < 63 else { throw .truncated(at: p) }
            let byte = bytes[p]
            p += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }
}
