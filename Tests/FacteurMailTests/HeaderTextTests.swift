import FacteurMail
import Testing

@Suite struct HeaderTextTests {
    @Test(
        "neutralise: controls and separators become one space, edges trimmed; plain text comes back as it is",
        arguments: [
            ("Distribution du jeudi 26 novembre", "Distribution du jeudi 26 novembre"), ("", ""), (" a", "a"),
            ("a ", "a"), ("a  b", "a b"), ("a\r\nBcc: x@y", "a Bcc: x@y"), ("a\u{85}b", "a b"), ("a\u{2028}b", "a b"),
            ("a\u{2029}b", "a b"), ("a\tb", "a b"), ("Œufs & volailles — été", "Œufs & volailles — été"),
            ("\u{7F}x", "x"), ("x\u{9F}", "x"), ("a\u{2027}b", "a\u{2027}b"),
            // A subject rendered from its template ends with a line end; what comes before it is still checked.
            ("Distribution du jeudi\n", "Distribution du jeudi"), ("a\r\nBcc: x@y\n", "a Bcc: x@y"),
            ("a  b\r\n", "a b"),
            ("\n", ""), (" \t\r\n", ""), ("x\u{85}\n", "x"), ("été \t\r\n", "été"), ("\na\n", "a"),
        ])
    func neutralise(_ input: String, _ expected: String) {
        #expect(HeaderText.neutralise(input) == expected)
    }

    @Test("neutralise over 5,000 hostile texts: words of anything but blanks and controls, joined by one space")
    func neutraliseHostile() {
        // The rule stated another way: a control, C1 control, line or paragraph separator or space separates
        // words; the result is the words joined by one space.
        func separates(_ s: Unicode.Scalar) -> Bool {
            s.value <= 0x20 || (0x7F...0x9F).contains(s.value) || s.value == 0x2028 || s.value == 0x2029
        }
        func expected(_ text: String) -> String {
            text.unicodeScalars.split(whereSeparator: separates).map { String(String.UnicodeScalarView($0)) }
                .joined(separator: " ")
        }
        let pieces = [
            "a", "Bcc:", " ", "  ", "\t", "\r", "\n", "\r\n", "\u{7F}", "\u{85}", "\u{9F}", "\u{A0}", "\u{2028}",
            "\u{2029}", "\u{2027}", "€", "é", "Œufs", "—", "\u{C2}", "x@y", String(repeating: "z", count: 40),
        ]
        for text in HostileTexts.make(5_000, of: pieces, maxPieces: 12, seed: 0x853C_49E6_748F_EA9B) {
            #expect(HeaderText.neutralise(text) == expected(text), "\(text.debugDescription)")
        }
    }
}
