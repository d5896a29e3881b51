/// A message of `facteur import` in the two languages it speaks: French first (the AMAP's default), English.
public struct ImportText: Sendable, Equatable {
    public var fr: String
    public var en: String

    public init(fr: String, en: String) {
        self.fr = fr
        self.en = en
    }

    public func callAsFunction(_ language: Language) -> String { language == .fr ? fr : en }
}
