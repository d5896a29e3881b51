import Foundation

/// A display name and an address, written for `From`, `To` and `Reply-To`.
public struct Mailbox: Sendable, Hashable {
    public var name: String?
    public var address: String

    public init(name: String? = nil, address: String) {
        self.name = name
        self.address = address
    }

    /// `"Name" <address>` with the name quoted or RFC 2047-encoded; CR/LF cannot survive.
    public var headerValue: String {
        let address = HeaderText.neutralise(self.address)
        guard let raw = name.map(HeaderText.neutralise), !raw.isEmpty else { return "<\(address)>" }
        let ascii = raw.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F }
        if ascii && !HeaderText.containsEncodedWordStart(raw) {
            let needsEscape = raw.utf8.contains { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\"") }
            let escaped =
                needsEscape
                ? raw.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") : raw
            return "\"\(escaped)\" <\(address)>"
        }
        return "\(EncodedWord.encode(raw)) <\(address)>"
    }
}
