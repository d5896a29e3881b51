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
}
