/// Just enough XML for the parts of a .xlsx: start and end tags with their attributes, and text with its
/// entities decoded. Namespace prefixes are dropped (`x:row` is `row`); declarations, comments and
/// processing instructions are skipped. Malformed input ends the scan early; it never traps.
struct XMLScanner {
    enum Event {
        case start(name: Substring, attributes: [Substring: String], selfClosing: Bool)
        case end(name: Substring)
        case text(String)
    }

    private let text: Substring.UTF8View
    private var index: String.Index

    init(_ bytes: [UInt8]) {
        let string = String(decoding: bytes, as: UTF8.self)
        text = string[...].utf8
        index = text.startIndex
    }

    /// The next event, or nil at the end.
    mutating func next() -> Event? {
        while index < text.endIndex {
            if text[index] != UInt8(ascii: "<") {
                let start = index
                while index < text.endIndex && text[index] != UInt8(ascii: "<") { text.formIndex(after: &index) }
                return .text(Self.decode(Substring(text[start..<index])))
            }
            let tagStart = text.index(after: index)
            guard let close = text[tagStart...].firstIndex(of: UInt8(ascii: ">")) else {
                index = text.endIndex
                return nil
            }
            let first = tagStart < close ? text[tagStart] : 0
            if first == UInt8(ascii: "!") && text[tagStart...].starts(with: "!--".utf8) {
                // A comment may hold `>`: skip to `-->`.
                index = Self.find("-->", in: text, from: tagStart) ?? text.endIndex
                continue
            }
            if first == UInt8(ascii: "!") && text[tagStart...].starts(with: "![CDATA[".utf8) {
                let contentStart = text.index(tagStart, offsetBy: 8)
                let end = Self.find("]]>", in: text, from: contentStart)
                let contentEnd = end.map { text.index($0, offsetBy: -3) } ?? text.endIndex
                index = end ?? text.endIndex
                return .text(String(Substring(text[contentStart..<contentEnd])))
            }
            index = text.index(after: close)
            if first == UInt8(ascii: "?") || first == UInt8(ascii: "!") { continue }
            var body = Substring(text[tagStart..<close])
            if body.hasPrefix("/") {
                return .end(name: Self.localName(body.dropFirst().prefix { !$0.isWhitespace }))
            }
            let selfClosing = body.hasSuffix("/")
            if selfClosing { body = body.dropLast() }
            let name = body.prefix { !$0.isWhitespace }
            return .start(
                name: Self.localName(name), attributes: Self.attributes(body.dropFirst(name.count)),
                selfClosing: selfClosing)
        }
        return nil
    }

    /// The index just past `needle`.
    private static func find(_ needle: String, in text: Substring.UTF8View, from: String.Index) -> String.Index? {
        let pattern = Array(needle.utf8)
        var i = from
        while i < text.endIndex {
            if text[i...].starts(with: pattern) { return text.index(i, offsetBy: pattern.count) }
            text.formIndex(after: &i)
        }
        return nil
    }

    private static func localName(_ name: Substring) -> Substring {
        guard let colon = name.firstIndex(of: ":") else { return name }
        return name[name.index(after: colon)...]
    }

    private static func attributes(_ text: Substring) -> [Substring: String] {
        var result: [Substring: String] = [:]
        var rest = text
        while let equals = rest.firstIndex(of: "=") {
            let name = rest[..<equals].trimmingSpacesAndNewlines()
            let afterEquals = rest[rest.index(after: equals)...].drop { $0.isWhitespace }
            guard let quote = afterEquals.first, quote == "\"" || quote == "'" else { break }
            let valueStart = afterEquals.index(after: afterEquals.startIndex)
            guard let valueEnd = afterEquals[valueStart...].firstIndex(of: quote) else { break }
            result[localName(name)] = decode(afterEquals[valueStart..<valueEnd])
            rest = afterEquals[afterEquals.index(after: valueEnd)...]
        }
        return result
    }

    /// `&amp;`, `&lt;`, `&#233;`… back to text; an unknown entity stays as written.
    static func decode(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        var result = ""
        var rest = text
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let after = rest[amp...]
            guard let semicolon = after.prefix(12).firstIndex(of: ";") else {
                result += "&"
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let entity = after[after.index(after: after.startIndex)..<semicolon]
            var scalar: Unicode.Scalar?
            switch entity {
            case "amp": scalar = "&"
            case "lt": scalar = "<"
            case "gt": scalar = ">"
            case "quot": scalar = "\""
            case "apos": scalar = "'"
            default:
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                    scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                } else if entity.hasPrefix("#") {
                    scalar = UInt32(entity.dropFirst(), radix: 10).flatMap(Unicode.Scalar.init)
                }
            }
            if let scalar {
                result.unicodeScalars.append(scalar)
                rest = after[after.index(after: semicolon)...]
            } else {
                result += "&"
                rest = rest[rest.index(after: amp)...]
            }
        }
        return result + rest
    }
}

extension Substring {
    fileprivate func trimmingSpacesAndNewlines() -> Substring {
        var trimmed = self
        while trimmed.first?.isWhitespace == true { trimmed = trimmed.dropFirst() }
        while trimmed.last?.isWhitespace == true { trimmed = trimmed.dropLast() }
        return trimmed
    }
}
