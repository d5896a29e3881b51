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

    /// "de" + an AMAP's name, its own article contracted: « des Jardins d'Éloïse », « du Potager »,
    /// « de la Ferme », « de l'Oustal », « de l'AMAP des Lilas ». Only for a group's name: a person's
    /// (« Le Goff ») keeps « de ».
    public static func de(amap name: String) -> String {
        for (article, contracted) in [("Les ", "des "), ("les ", "des "), ("Le ", "du "), ("le ", "du ")]
        where name.hasPrefix(article) && name.count > article.count {
            return contracted + name.dropFirst(article.count)
        }
        for article in ["La ", "la ", "L'", "l'", "L’", "l’"]
        where name.hasPrefix(article) && name.count > article.count {
            return "de " + article.lowercased() + name.dropFirst(article.count)
        }
        return de(name)
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
