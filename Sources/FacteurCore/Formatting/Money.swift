/// An amount in integer cents, the schema's unit for money: never a floating-point number.
public struct Money: Sendable, Equatable, Hashable, Comparable {
    public var cents: Int64

    public init(cents: Int64) { self.cents = cents }

    public static func < (a: Money, b: Money) -> Bool { a.cents < b.cents }

    /// "1 234,50 €" with no-break spaces, negative as "−5,50 €" (U+2212) in French; "€1,234.50" in English.
    public func formatted(_ language: Language) -> String {
        // On bytes: an account statement formats every line's price and amount, and grouping digits as
        // characters (reversed, appended one by one) cost more than the rest of its words (issue 15).
        let magnitude = cents.magnitude  // Int64.min too
        let units = Array(String(magnitude / 100).utf8)
        let fraction = UInt8(magnitude % 100)
        let separator: [UInt8] = language == .fr ? [0xC2, 0xA0] : [UInt8(ascii: ",")]  // U+00A0 or ","
        var out: [UInt8] = []
        out.reserveCapacity(units.count * 2 + 12)
        if cents < 0 { out += [0xE2, 0x88, 0x92] }  // U+2212 MINUS SIGN
        if language == .en { out += [0xE2, 0x82, 0xAC] }  // €
        for (i, digit) in units.enumerated() {
            if i > 0 && (units.count - i) % 3 == 0 { out += separator }
            out.append(digit)
        }
        out.append(language == .fr ? UInt8(ascii: ",") : UInt8(ascii: "."))
        out.append(UInt8(ascii: "0") + fraction / 10)
        out.append(UInt8(ascii: "0") + fraction % 10)
        if language == .fr { out += [0xC2, 0xA0, 0xE2, 0x82, 0xAC] }  // U+00A0 €
        return String(decoding: out, as: UTF8.self)
    }
}
