/// Checks that an address is usable on the SMTP envelope and in headers: one `@`, no spaces, no
/// control characters, no angle brackets. libcurl 7.88.1 puts envelope addresses on the wire verbatim,
/// so CR/LF must be refused here (envelope injection).
public enum EmailAddress {
    public static func isValid(_ address: String) -> Bool {
        let scalars = address.unicodeScalars
        guard scalars.count <= 254, let at = address.lastIndex(of: "@") else { return false }
        let local = address[..<at]
        let domain = address[address.index(after: at)...]
        guard !local.isEmpty, !domain.isEmpty, !local.contains("@"), domain.contains("."),
            !domain.hasPrefix("."), !domain.hasSuffix(".")
        else { return false }
        for s in scalars {
            if s.value < 0x21 || s.value == 0x7F { return false }
            if "<>()[]\\,;:\"".unicodeScalars.contains(s) { return false }
        }
        return true
    }
}
