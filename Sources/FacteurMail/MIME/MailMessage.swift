/// A complete RFC 5322 message: header fields (values already encoded) and a MIME body. Rendering
/// is deterministic, so the outbox can store the bytes once and every retry sends the same ones.
public struct MailMessage: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public var fields: [Field]
    public var body: MIMEPart

    public init(fields: [Field], body: MIMEPart) {
        self.fields = fields
        self.body = body
    }

    public func value(of name: String) -> String? {
        fields.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The wire form: CRLF only, every line ≤ 998 octets, boundaries derived from `seed` (the Message-ID).
    public func rendered(seed: String) -> [UInt8] {
        // Room enough for most notices' encoders (each asks for four times its text), so the bytes are not moved
        // as they grow; the message returned is a copy of its own size (below).
        var out: [UInt8] = []
        out.reserveCapacity(32_768)
        for field in fields {
            let value = HeaderText.neutralise(field.value)
            // A line that needs no folding is written as it is, without a string made of it (issue 15).
            if field.name.utf8.count + 2 + value.utf8.count <= 78 {
                out.append(contentsOf: field.name.utf8)
                out.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: " ")])
                out.append(contentsOf: value.utf8)
            } else {
                out.append(
                    contentsOf: MailMessage.fold("\(field.name): \(value)", unstructured: field.name == "Subject").utf8)
            }
            out.append(contentsOf: [13, 10])
        }
        out.append(contentsOf: "MIME-Version: 1.0\r\n".utf8)
        let hash = FNV1a.hash(seed)
        var counter = 0
        body.write(into: &out, boundary: { "=_facteur_\(hash)_\($0)" }, counter: &counter)
        out.append(contentsOf: [13, 10])
        // A rendered message waits for the writer with those of its chunk and the chunks ahead: it keeps its
        // size, not the encoders' room, several times larger (issue 15).
        return [UInt8](unsafeUninitializedCapacity: out.count) { copy, count in
            count = copy.initialize(fromContentsOf: out)
        }
    }

    /// Folds a header line at spaces so it stays within 78 characters where it can (RFC 5322 §2.2.3).
    static func fold(_ line: String, unstructured: Bool) -> String {
        guard line.utf8.count > 78 else { return line }
        var line = line
        return line.withUTF8 { bytes in  // on bytes: every notice has a Subject and a To to fold (issue 15)
            let space = UInt8(ascii: " ")
            var words = bytes.split(separator: space, omittingEmptySubsequences: false)[...]
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            var current = Array(words.removeFirst())
            // In an unstructured field (Subject) a fold right after the name would add a leading space.
            if unstructured, let word = words.popFirst() {
                current.append(space)
                current.append(contentsOf: word)
            }
            for word in words {
                if current.count + 1 + word.count > 78 {
                    out.append(contentsOf: current)
                    out.append(13)
                    out.append(10)
                    current.removeAll(keepingCapacity: true)
                }
                current.append(space)  // after a fold, the folding white space
                current.append(contentsOf: word)
            }
            out.append(contentsOf: current)
            return String(decoding: out, as: UTF8.self)
        }
    }
}

/// A 64-bit FNV-1a hash in hex: cheap, stable across runs and platforms (unlike `Hasher`).
public enum FNV1a {
    public static func hash(_ text: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x100_0000_01b3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
