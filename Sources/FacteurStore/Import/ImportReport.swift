import FacteurCore

/// What an import did, row by row in total.
public struct ImportReport: Sendable, Equatable, CustomStringConvertible {
    public var table: String
    public var added = 0
    public var updated = 0
    public var unchanged = 0
    /// What was taken differently from the file, line by line (a decimal quantity, a partner imported).
    public var notes: [BilingualText] = []

    public init(table: String) { self.table = table }

    public var description: String { text(.fr) }

    /// "member : 2 ajoutés, 0 modifié, 1 inchangé".
    public func text(_ language: Language) -> String {
        guard language == .fr else { return "\(table): \(added) added, \(updated) updated, \(unchanged) unchanged" }
        return "\(table) : \(FrenchWords.count(added, "ajouté", "ajoutés")), "
            + "\(FrenchWords.count(updated, "modifié", "modifiés")), \(FrenchWords.count(unchanged, "inchangé", "inchangés"))"
    }
}
