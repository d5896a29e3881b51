/// Checks that an address is usable on the SMTP envelope and in headers: one `@`, no spaces, no
/// control characters, no angle brackets. libcurl 7.88.1 puts envelope addresses on the wire verbatim,
/// so CR/LF must be refused here (envelope injection).
public enum EmailAddress {
    /// Why an address cannot be mailed (in the coordinator's words), or nil when it can.
    public static func problem(_ address: String) -> BilingualText? {
        if isValid(address) { return nil }
        if syntaxIsValid(address) {
            return BilingualText(
                fr: "contient des accents ou des caractères non latins, qu'on ne peut pas confier au serveur SMTP "
                    + "(Facteur n'utilise pas SMTPUTF8)",
                en: "has accented or non-Latin characters, which the SMTP server cannot be trusted to take "
                    + "(Facteur does not use SMTPUTF8)")
        }
        return BilingualText(fr: "n'est pas une adresse mail", en: "not an email address")
    }

    /// A deliverable address: the syntax below, in ASCII only. A raw UTF-8 address in `RCPT TO` without
    /// SMTPUTF8 breaks the protocol (RFC 6531), so such an address is reported rather than sent.
    public static func isValid(_ address: String) -> Bool {
        syntaxIsValid(address) && address.utf8.allSatisfy { $0 < 0x80 }
    }

    static func syntaxIsValid(_ address: String) -> Bool {
        // On the UTF-8 bytes: it runs twice for every message sent.
        let bytes = address.utf8
        guard bytes.count <= 254, let at = bytes.lastIndex(of: UInt8(ascii: "@")) else { return false }
        let local = bytes[..<at]
        let domain = bytes[bytes.index(after: at)...]
        guard !local.isEmpty, !domain.isEmpty, !local.contains(UInt8(ascii: "@")), domain.contains(UInt8(ascii: ".")),
            domain.first != UInt8(ascii: "."), domain.last != UInt8(ascii: ".")
        else { return false }
        for b in bytes {
            if b < 0x21 || b == 0x7F { return false }
            switch b {
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["),
                UInt8(ascii: "]"), UInt8(ascii: "\\"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"),
                UInt8(ascii: "\""):
                return false
            default: continue
            }
        }
        return true
    }
}
