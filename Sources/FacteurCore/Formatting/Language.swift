/// The language of user-facing text, chosen by the config's `locale` (`fr_FR` → French).
public enum Language: String, Sendable, CaseIterable {
    case fr
    case en

    /// `fr_FR`, `fr`, `en_GB`… → the language; nil for one Facteur has no templates for.
    public init?(locale: String) {
        let code = locale.split(whereSeparator: { $0 == "_" || $0 == "-" }).first.map(String.init) ?? locale
        self.init(rawValue: code.lowercased())
    }
}
