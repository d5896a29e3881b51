import FacteurCore
import Testing

@Suite struct PersonNameAndQuantityTests {
    @Test("« DUPONT Camille », « Camille Dupont » and « camille  DUPONT » are one name; Camille Durand is not")
    func names() {
        #expect(PersonName.key("DUPONT Camille") == PersonName.key("Camille Dupont"))
        #expect(PersonName.key("camille  DUPONT") == PersonName.key("Camille Dupont"))
        #expect(PersonName.key("Hélène BÉRARD") == PersonName.key("helene berard"))
        #expect(PersonName.key("Camille Durand") != PersonName.key("Camille Dupont"))
    }

    @Test(
        "a quantity by weight is read in thousandths; anything else is refused",
        arguments: [
            ("1.5", Int64?(1500)), ("1,5", 1500), ("0,25", 250), ("2,125", 2125), (".5", 500), ("1,2345", nil),
            ("abc", nil),
            ("1.5.2", nil), ("-1,5", nil), ("99999999999,5", nil),
        ])
    func thousandths(_ text: String, _ expected: Int64?) {
        #expect(SpreadsheetValues.thousandths(text) == expected, "\(text)")
    }

    @Test("an amount beyond 64 bits is no amount (never a trap)")
    func hugeAmounts() {
        #expect(SpreadsheetValues.cents("99999999999999999,5") == nil)
        #expect(SpreadsheetValues.cents("92233720368547758,08") == nil)
        #expect(SpreadsheetValues.cents("12,50 €") == 1250)
    }
}
