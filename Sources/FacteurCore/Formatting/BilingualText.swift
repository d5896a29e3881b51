/// A message in the two languages Facteur speaks, French first (the AMAP's default) and English, for what a person
/// reads in the configured one: an import's problems, a skipped row's in the digest.
public struct BilingualText: Sendable, Equatable, Hashable {
    public var fr: String
    public var en: String

    public init(fr: String, en: String) {
        self.fr = fr
        self.en = en
    }

    public func callAsFunction(_ language: Language) -> String { language == .fr ? fr : en }
}
