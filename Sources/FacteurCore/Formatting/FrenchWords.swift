import Foundation

/// French as a French reader writes it: elision before a vowel or a mute h ("de l'AMAP des Lilas",
/// "d'Éloïse", "de Julie") and plurals by count ("1 bénévole", "2 bénévoles"), for templates to use rather than
/// "de AMAP" or "bénévole(s)".
public enum FrenchWords {
    /// "de" + name, elided: an AMAP takes the article ("de l'AMAP des Lilas").
    public static func de(_ name: String) -> String {
        if name.uppercased().hasPrefix("AMAP") { return "de l'" + name }
        guard let first = name.unicodeScalars.first else { return "de " + name }
        let letter = String(first).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        return ["a", "e", "i", "o", "u", "y", "h"].contains(letter) ? "d'" + name : "de " + name
    }

    /// "1 bénévole", "2 bénévoles", "0 bénévole" (French singular for 0 and 1).
    public static func count(_ n: Int, _ singular: String, _ plural: String) -> String {
        "\(n) \(n <= 1 ? singular : plural)"
    }

    /// The name with its article where it takes one: "l'AMAP des Lilas", "Julie".
    public static func le(_ name: String) -> String {
        name.uppercased().hasPrefix("AMAP") ? "l'" + name : name
    }
}
