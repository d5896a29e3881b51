@testable import FacteurDaemon
import Foundation
import Testing

@Suite struct LoggerTests {
    @Test("log timestamps are ISO 8601 UTC with milliseconds, computed without a formatter")
    func timestamps() {
        #expect(ISO8601Now.string(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(ISO8601Now.string(Date(timeIntervalSince1970: 1_795_714_200.25)) == "2026-11-26T17:30:00.250Z")
        #expect(ISO8601Now.string(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000Z")
        #expect(Logger.quote("a b") == "\"a b\"")
    }
}
