import FacteurCore
import Foundation
import Testing

/// `trimmingSpaces` must trim what Foundation's `.whitespaces` trims, no more (a newline stays, to be reported as
/// part of an invalid address), no less.
@Suite struct SpaceTrimmingTests {
    @Test(
        "the same as trimmingCharacters(in: .whitespaces), whatever the spaces and letters",
        arguments: [
            "", " ", "\t \t", "camille@example.net", "  camille@example.net\t", "\u{00A0}camille@example.net\u{202F}",
            "\u{3000}Hélène\u{2009}", "a\nb", "\ncamille@example.net\n", " \r\n ", "e\u{301} ", " \u{301}x",
            "👩‍🌾 ", "\u{200B}zéro\u{200B}", "\u{FEFF}x", "x\u{1680}", "\u{180E}x\u{180E}", "\u{2000}\u{200A}x\u{205F}",
            "\u{200C}x", "Jérôme  Nguyen",
        ])
    func sameAsFoundation(text: String) {
        let expected = text.trimmingCharacters(in: .whitespaces)
        #expect(text.trimmingSpaces == expected)
        #expect(Array(text.trimmingSpaces.unicodeScalars) == Array(expected.unicodeScalars))
    }
}
