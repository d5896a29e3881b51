import FacteurCore
import Foundation
import Testing

@Suite struct SheetChangesTests {
    @Test("a sheet's figures survive their stored form, and the changes say what moved, in a stable order")
    func changes() throws {
        let old = ProducerSheet.Figures(
            stops: ["AMAP des Lilas, Préau", "AMAP du Moulin, Cour"], shares: 17, totals: ["Œufs": 24, "Courges": 3])
        let stored = try #require(ProducerSheet.Figures(encoded: old.encoded))
        #expect(stored == old)
        let new = ProducerSheet.Figures(
            stops: ["AMAP des Lilas, Préau", "AMAP du Parc, Kiosque"], shares: 18, totals: ["Œufs": 30, "Poireaux": 2])
        #expect(
            ProducerSheet.changes(from: stored, to: new) == [
                .stopAdded("AMAP du Parc, Kiosque"), .stopRemoved("AMAP du Moulin, Cour"), .shares(from: 17, to: 18),
                .quantity(product: "Courges", from: 3, to: 0), .quantity(product: "Poireaux", from: 0, to: 2),
                .quantity(product: "Œufs", from: 24, to: 30),
            ])
        #expect(ProducerSheet.changes(from: new, to: new).isEmpty)
        #expect(ProducerSheet.Figures(encoded: "not json") == nil)
    }
}
