/// An amount in integer cents, the schema's unit for money: never a floating-point number.
public struct Money: Sendable, Equatable, Hashable, Comparable {
    public var cents: Int64

    public init(cents: Int64) { self.cents = cents }

    public static func < (a: Money, b: Money) -> Bool { a.cents < b.cents }

    /// "1 234,50 €" with no-break spaces, negative as "−5,50 €" (U+2212) in French; "€1,234.50" in English.
    public func formatted(_ language: Language) -> String {
        let magnitude = cents.magnitude
        let units = String(magnitude / 100)
        let fraction = magnitude % 100
        let fractionText = fraction < 10 ? "0\(fraction)" : "\(fraction)"
        let separator = language == .fr ? "\u{00A0}" : ","
        var grouped = ""
        for (i, ch) in units.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { grouped.append(separator) }
            grouped.append(ch)
        }
        grouped = String(grouped.reversed())
        let sign = cents < 0 ? "\u{2212}" : ""
        switch language {
        case .fr: return "\(sign)\(grouped),\(fractionText)\u{00A0}€"
        case .en: return "\(sign)€\(grouped).\(fractionText)"
        }
    }
}
