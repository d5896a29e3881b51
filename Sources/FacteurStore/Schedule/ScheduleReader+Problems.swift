import FacteurCore

/// What the reader says of a row it skips, in French and English: the coordinator reads it in the digest, the
/// administrator in `status`, `check` and the log, each in the configured language. The column's name stays as
/// the database spells it, so that the row can be found and fixed.
extension ScheduleReader {
    static func noUsableAmap(_ value: String?) -> BilingualText {
        let column = PlausibleValues.column("amap_id", value)
        return .init(fr: "\(column.fr) : aucune AMAP utilisable", en: "\(column.en) is no usable AMAP")
    }

    static func notAFlag(_ name: String, _ value: String?) -> BilingualText {
        let column = PlausibleValues.column(name, value)
        return .init(fr: "\(column.fr) n'est ni 0 ni 1", en: "\(column.en) is not 0 or 1")
    }

    static func notADate(_ name: String, _ value: String?) -> BilingualText {
        let column = PlausibleValues.column(name, value)
        return .init(
            fr: "\(column.fr) n'est pas une date (AAAA-MM-JJ)", en: "\(column.en) is not a date (YYYY-MM-DD)")
    }

    static func notATime(_ name: String, _ value: String?, _ error: any Error) -> BilingualText {
        let column = PlausibleValues.column(name, value)
        let words =
            (error as? ScheduleTime.ParseError)?.words
            ?? .init(fr: "n'est pas une heure", en: "is not a time")
        return .init(fr: "\(column.fr) \(words.fr)", en: "\(column.en) \(words.en)")
    }

    /// `duty_needed « beaucoup » n'est pas un nombre de bénévoles (0 à 1000) ; pas d'appel aux bénévoles`.
    static func notANumber(
        _ name: String, _ value: String?, _ range: ClosedRange<Int64>, what: BilingualText, so: BilingualText?
    ) -> BilingualText {
        let column = PlausibleValues.column(name, value)
        let bounds =
            range.lowerBound < 0
            ? BilingualText(
                fr: "\(range.upperBound) au plus, dans un sens ou dans l'autre",
                en: "at most \(range.upperBound) either way")
            : BilingualText(
                fr: "de \(range.lowerBound) à \(range.upperBound)", en: "from \(range.lowerBound) to \(range.upperBound)")
        return .init(
            fr: "\(column.fr) n'est pas \(what.fr) (\(bounds.fr))" + (so.map { " ; \($0.fr)" } ?? ""),
            en: "\(column.en) is not \(what.en) (\(bounds.en))" + (so.map { "; \($0.en)" } ?? ""))
    }

    static func noneOfTheOptionalKinds(_ value: String?) -> BilingualText {
        let column = PlausibleValues.column("kind", value)
        let kinds = NoticeKind.allCases.filter(\.isOptional).map(\.rawValue).joined(separator: ", ")
        return .init(fr: "\(column.fr) n'est aucun de : \(kinds)", en: "\(column.en) is none of \(kinds)")
    }
}
