import FacteurCore
import Foundation
import Testing

/// Text derived once and kept (issue 15), or written without `String(format:)`: the same as before.
@Suite struct DerivedTextTests {
    @Test("a date is written with its zeros, as String(format:) wrote it, whatever the year")
    func localDates() {
        for (y, m, d) in [(2026, 12, 3), (5, 1, 2), (999, 10, 31), (12_345, 6, 7), (0, 1, 1), (-5, 3, 4)] {
            let date = LocalDate(year: y, month: m, day: d)
            #expect(date.description == String(format: "%04d-%02d-%02d", y, m, d))
            #expect(date.compact == String(format: "%04d%02d%02d", y, m, d))
        }
    }

    @Test("an AMAP's Facteur address and domain follow its address, also when it is changed")
    func amapAddresses() {
        let paris = TimeZone(identifier: "Europe/Paris")!
        var amap = Amap(id: 1, name: "Lilas", email: "contact@amap-lilas.example.org", timeZone: paris)
        #expect(amap.facteurAddress == "contact+facteur@amap-lilas.example.org")
        #expect(amap.domain == "amap-lilas.example.org")
        amap.email = "bureau@les-lilas.example.net"
        #expect(amap.facteurAddress == "bureau+facteur@les-lilas.example.net")
        #expect(amap.domain == "les-lilas.example.net")
        amap.email = "sans-arobase"
        #expect(amap.facteurAddress == "sans-arobase")
        #expect(amap.domain == "localhost")
        // Two AMAPs equal as before: the derived text never makes them differ.
        #expect(
            Amap(id: 2, name: "N", email: "a@b.c", timeZone: paris)
                == Amap(id: 2, name: "N", email: "a@b.c", timeZone: paris))
    }
}
