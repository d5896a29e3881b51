/// A text part's content as UTF-8 bytes. A notice's templates render into bytes, and a `String` made of them
/// only to be read back as bytes by the encoder checked every byte once more (issue 15).
public struct MIMEText: Sendable, Equatable, ExpressibleByStringLiteral {
    public let utf8: [UInt8]

    public init(_ text: String) { utf8 = Array(text.utf8) }

    /// Bytes made from strings (a template's rendering): UTF-8 by construction. Anything else would still be
    /// encoded byte for byte, never lost.
    public init(utf8: [UInt8]) { self.utf8 = utf8 }

    public init(stringLiteral value: String) { self.init(value) }

    public var string: String { String(decoding: utf8, as: UTF8.self) }
}
