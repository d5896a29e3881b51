/// The ranges a value another tool wrote must fall in for Facteur to use it. Beyond them the row is a
/// mistake (a pasted phone number in a price, a sign slip, an overflow test) and is skipped and reported
/// rather than mailed to members; within them every sum Facteur makes is exact in 64 bits.
public enum PlausibleValues {
    /// A payment: at most a billion euros either way (refunds are negative).
    public static let paymentCents: ClosedRange<Int64> = -100_000_000_000...100_000_000_000
    /// Units of one product in one order.
    public static let quantity: ClosedRange<Int64> = 0...1_000_000
    /// One unit's price: a million euros at most, never negative (a credit is a payment).
    public static let unitPriceCents: ClosedRange<Int64> = 0...100_000_000
    /// Volunteers wanted at one distribution.
    public static let dutyNeeded: ClosedRange<Int64> = 0...1_000

    /// A database value as it appears in a report: short, on one line, control characters shown as "?", in the
    /// quotes of the report's language (« … » in French, “…” in English).
    public static func shown(_ value: String?, _ language: Language = .en) -> String {
        guard let value else { return "NULL" }
        let cleaned = String(String.UnicodeScalarView(value.unicodeScalars.prefix(60).map {
            $0.value < 0x20 || $0.value == 0x7F ? "?" : $0
        }))
        let text = cleaned + (value.unicodeScalars.count > 60 ? "…" : "")
        return language == .fr ? "« " + text + " »" : "“" + text + "”"
    }

    /// `column value` in both languages, the start of most reports: `starts_at « 2026-13-45 »`.
    public static func column(_ name: String, _ value: String?) -> BilingualText {
        BilingualText(fr: "\(name) \(shown(value, .fr))", en: "\(name) \(shown(value, .en))")
    }
}
