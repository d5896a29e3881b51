import FacteurCore
import Testing

@Suite struct FrenchWordsTests {
    @Test(
        "de elides before a vowel or a mute h, and an AMAP takes its article",
        arguments: [
            ("AMAP des Lilas", "de l'AMAP des Lilas"), ("Éloïse", "d'Éloïse"), ("Inconnu", "d'Inconnu"),
            ("Hélène", "d'Hélène"), ("Julie", "de Julie"), ("Yves", "d'Yves"), ("", "de "),
        ])
    func elision(_ name: String, _ expected: String) {
        #expect(FrenchWords.de(name) == expected)
    }

    @Test(
        "an AMAP's own article contracts with de; a person's name never does",
        arguments: [
            ("Les Jardins d'Éloïse", "des Jardins d'Éloïse"), ("Le Potager", "du Potager"),
            ("La Ferme du Bourg", "de la Ferme du Bourg"), ("L'Oustal", "de l'Oustal"),
            ("AMAP des Lilas", "de l'AMAP des Lilas"), ("Île aux Paniers", "d'Île aux Paniers"),
            ("Lesneven", "de Lesneven"), ("Le", "de Le"), ("Panier bio", "de Panier bio"),
        ])
    func amapArticles(_ name: String, _ expected: String) {
        #expect(FrenchWords.de(amap: name) == expected)
        if name.hasPrefix("Le ") { #expect(FrenchWords.de(name) == "de " + name) }  // « de Le Goff »
    }

    @Test("counts are singular for 0 and 1, plural from 2")
    func plurals() {
        #expect(FrenchWords.count(1, "bénévole", "bénévoles") == "1 bénévole")
        #expect(FrenchWords.count(2, "bénévole", "bénévoles") == "2 bénévoles")
        #expect(FrenchWords.count(0, "jour", "jours") == "0 jour")
    }
}
