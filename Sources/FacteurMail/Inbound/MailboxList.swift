/// One mailbox of an address field: its display name (RFC 2047 decoded) and its addr-spec.
public struct ParsedMailbox: Sendable, Equatable {
    public var name: String?
    /// `local@domain`, the domain lower-cased.
    public var address: String
}

/// The mailboxes of an address field as RFC 5322 §3.4 reads them: comments (nested, with quoted pairs) and
/// display names are not addresses, quoted strings may hold `<`, `,` or `@`, groups (`name: a, b;`) hold
/// members, obsolete routes (`<@relay:a@b>`) are dropped. `From: a@evil.example (<b@good.example>)` is one
/// mailbox, a@evil.example: reading the last `<` instead made the author forgeable.
public enum MailboxList {
    enum Token: Equatable {
        case word(String)  // an atom or the content of a quoted string or domain literal
        case quoted(String)
        case special(Character)
    }

    public static func parse(_ text: String) -> [ParsedMailbox] {
        let tokens = tokenize(text)
        var result: [ParsedMailbox] = []
        var segment: [Token] = []
        var inAngle = false
        func flush() {
            if let mailbox = mailbox(from: segment) { result.append(mailbox) }
            segment = []
        }
        for token in tokens {
            switch token {
            case .special("<"): inAngle = true; segment.append(token)
            case .special(">"): inAngle = false; segment.append(token)
            case .special(",") where !inAngle: flush()
            case .special(";") where !inAngle: flush()
            case .special(":") where !inAngle:
                // A group's name: what came before is a phrase, not a mailbox.
                segment = []
            default: segment.append(token)
            }
        }
        flush()
        return result
    }

    static func mailbox(from tokens: [Token]) -> ParsedMailbox? {
        if let open = tokens.firstIndex(of: .special("<")) {
            let close = tokens[open...].firstIndex(of: .special(">")) ?? tokens.endIndex
            // Anything after the angle address (`<a@b>c@d`, `<a@b> <c@d>`) makes the mailbox malformed: no author.
            if close < tokens.endIndex && close + 1 < tokens.endIndex { return nil }
            var inside = Array(tokens[(open + 1)..<close])
            // obs-route: `@relay1,@relay2:` before the addr-spec.
            if let colon = inside.lastIndex(of: .special(":")) { inside = Array(inside[(colon + 1)...]) }
            guard let address = addrSpec(inside) else { return nil }
            let phrase = tokens[..<open].map { token -> String in
                switch token {
                case .word(let w), .quoted(let w): return w
                case .special(let c): return String(c)
                }
            }
            let name = EncodedWordDecoder.decode(phrase.joined(separator: " ")).trimmingSpaces()
            return ParsedMailbox(name: name.isEmpty ? nil : name, address: address)
        }
        guard let address = addrSpec(tokens) else { return nil }
        return ParsedMailbox(name: nil, address: address)
    }

    /// `local@domain` from its tokens; nil unless there is exactly one `@` with something on each side.
    static func addrSpec(_ tokens: [Token]) -> String? {
        var text = ""
        var ats = 0
        for token in tokens {
            switch token {
            case .word(let w): text += w
            case .quoted(let q): text += "\"" + q.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
            case .special("@"): text += "@"; ats += 1
            case .special("."): text += "."
            case .special: return nil
            }
        }
        guard ats == 1, let at = text.lastIndex(of: "@"), at != text.startIndex, text.index(after: at) != text.endIndex
        else { return nil }
        return text[..<at] + text[at...].lowercased()
    }

    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        let chars = Array(text)
        var i = 0
        var atom = ""
        func endAtom() {
            if !atom.isEmpty { tokens.append(.word(atom)) }
            atom = ""
        }
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "(":
                endAtom()
                var depth = 0
                while i < chars.count {
                    if chars[i] == "\\" { i += 2; continue }
                    if chars[i] == "(" { depth += 1 }
                    if chars[i] == ")" { depth -= 1; if depth == 0 { break } }
                    i += 1
                }
            case "\"":
                endAtom()
                var content = ""
                i += 1
                while i < chars.count && chars[i] != "\"" {
                    if chars[i] == "\\", i + 1 < chars.count { i += 1 }
                    if chars[i] != "\r" && chars[i] != "\n" { content.append(chars[i]) }
                    i += 1
                }
                tokens.append(.quoted(content))
            case "[":
                // A domain literal stays one word.
                var literal = ""
                while i < chars.count && chars[i] != "]" { literal.append(chars[i]); i += 1 }
                atom += literal + "]"
            case "=" where atom.isEmpty && i + 1 < chars.count && chars[i + 1] == "?":
                // An encoded word (RFC 2047) is one atom, whatever it holds: `=?UTF-8?Q?a_<b@c>?=`.
                // It ends at the `?=` after its charset, its encoding and its text: `=?UTF-8?Q?=C3=89ric?=` has one
                // right after `Q?` that is the text's first byte (« Éric »), not the end.
                var word = "=?"
                var marks = 1
                i += 2
                while i < chars.count {
                    word.append(chars[i])
                    if chars[i] == "=" && marks >= 4 && word.dropLast().hasSuffix("?") { break }
                    if chars[i] == "?" { marks += 1 }
                    if chars[i] == " " || chars[i] == "\t" { break }
                    i += 1
                }
                tokens.append(.word(word.trimmingSpaces()))
            case "<", ">", ",", ";", ":", "@", ".":
                endAtom()
                tokens.append(.special(c))
            case " ", "\t", "\r", "\n":
                endAtom()
            default:
                atom.append(c)
            }
            i += 1
        }
        endAtom()
        return tokens
    }
}
