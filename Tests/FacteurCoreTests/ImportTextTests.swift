import FacteurCore
import Testing

@Suite struct ImportTextTests {
    @Test("an import problem speaks the AMAP's language: French by default, English when asked; the header as written")
    func languages() {
        let sheet = ImportSheet(
            file: "paiements.csv", table: .payments,
            bytes: Array("Adhérent;Contrat;Montant;Date de paiement\ncamille@example.net;Œufs;douze;01/11/2026\n".utf8))
        let problem = try! #require(sheet.problems.first)
        #expect(problem.text(.fr) == "paiements.csv:2: colonne 3 « Montant » : « douze » n'est pas un montant (attendu : 12,50 €)")
        #expect(problem.text(.en) == "paiements.csv:2: column 3 “Montant”: “douze” is not an amount (expected 12,50 €)")
        let missing = ImportSheet(file: "p.csv", table: .payments, bytes: Array("Adhérent;Contrat\nx;y\n".utf8))
        // The missing column is named in the export's words ("Montant"), not the schema's (`amount_cents`).
        #expect(missing.problems.contains { $0.text(.fr).contains("il manque la colonne « Montant »") })
        #expect(!missing.problems.contains { $0.text(.fr).contains("amount_cents") })
    }
}
