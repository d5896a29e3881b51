import Foundation

/// Turns template source into nodes, tracking line and column for error messages.
struct TemplateParser {
    private let chars: [Character]
    private let file: String
    private var index = 0
    private var line = 1
    private var column = 1

    init(source: String, file: String) {
        self.chars = Array(source)
        self.file = file
    }

    mutating func parse() throws(TemplateError) -> [Template.Node] {
        let (nodes, closing) = try parseNodes(until: nil)
        if let closing { throw error(closing.line, closing.column, .unexpectedClose(closing.name)) }
        return nodes
    }

    private struct Closing {
        var name: String
        var line: Int
        var column: Int
    }

    private mutating func parseNodes(until section: String?) throws(TemplateError) -> ([Template.Node], Closing?) {
        var nodes: [Template.Node] = []
        var text = ""
        while index < chars.count {
            if starts(with: "{{") {
                let (tagLine, tagColumn) = (line, column)
                let tagStart = index
                let triple = starts(with: "{{{")
                advance(triple ? 3 : 2)
                let closer = triple ? "}}}" : "}}"
                var body = ""
                while index < chars.count && !starts(with: closer) {
                    body.append(chars[index])
                    advance(1)
                }
                guard index < chars.count else { throw error(tagLine, tagColumn, .unclosedTag) }
                advance(closer.count)
                let sigil = body.trimmingCharacters(in: .whitespaces).first
                if !triple, let sigil, "#^/!".contains(sigil), isStandalone(tagStart: tagStart) {
                    // A section or comment tag alone on its line leaves no line behind (Mustache spec).
                    while let last = text.last, last == " " || last == "\t" { text.removeLast() }
                    while index < chars.count, chars[index] == " " || chars[index] == "\t" { advance(1) }
                    if index < chars.count { advance(1) }
                }
                if !text.isEmpty {
                    nodes.append(.text(Array(text.utf8)))
                    text = ""
                }
                let trimmed = body.trimmingCharacters(in: .whitespaces)
                if triple {
                    guard !trimmed.isEmpty else { throw error(tagLine, tagColumn, .emptyName) }
                    nodes.append(
                        .variable(name: TemplatePath(trimmed), escaped: false, line: tagLine, column: tagColumn))
                    continue
                }
                guard let sigil = trimmed.first else { throw error(tagLine, tagColumn, .emptyName) }
                let name = String(trimmed.dropFirst()).trimmingCharacters(in: .whitespaces)
                switch sigil {
                case "!":
                    continue
                case "#", "^":
                    guard !name.isEmpty else { throw error(tagLine, tagColumn, .emptyName) }
                    let (children, closing) = try parseNodes(until: name)
                    guard let closing, closing.name == name else {
                        throw error(tagLine, tagColumn, .unclosedSection(name))
                    }
                    nodes.append(
                        .section(
                            name: TemplatePath(name), inverted: sigil == "^", children: children, line: tagLine,
                            column: tagColumn))
                case "/":
                    let closing = Closing(name: name, line: tagLine, column: tagColumn)
                    if section == nil || section != name { throw error(tagLine, tagColumn, .unexpectedClose(name)) }
                    return (nodes, closing)
                case "&":
                    guard !name.isEmpty else { throw error(tagLine, tagColumn, .emptyName) }
                    nodes.append(.variable(name: TemplatePath(name), escaped: false, line: tagLine, column: tagColumn))
                default:
                    nodes.append(
                        .variable(name: TemplatePath(trimmed), escaped: true, line: tagLine, column: tagColumn))
                }
            } else {
                text.append(chars[index])
                advance(1)
            }
        }
        if !text.isEmpty { nodes.append(.text(Array(text.utf8))) }
        return (nodes, nil)
    }

    /// True when only spaces or tabs stand between the tag and the line's start and end.
    private func isStandalone(tagStart: Int) -> Bool {
        var j = tagStart - 1
        while j >= 0, chars[j] == " " || chars[j] == "\t" { j -= 1 }
        guard j < 0 || chars[j] == "\n" || chars[j] == "\r\n" else { return false }
        var k = index
        while k < chars.count, chars[k] == " " || chars[k] == "\t" { k += 1 }
        return k == chars.count || chars[k] == "\n" || chars[k] == "\r\n"
    }

    private func starts(with token: String) -> Bool {
        var i = index
        for c in token {
            guard i < chars.count, chars[i] == c else { return false }
            i += 1
        }
        return true
    }

    private mutating func advance(_ n: Int) {
        for _ in 0..<n where index < chars.count {
            if chars[index] == "\n" || chars[index] == "\r\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }
    }

    private func error(_ line: Int, _ column: Int, _ problem: TemplateError.Problem) -> TemplateError {
        TemplateError(file: file, line: line, column: column, problem: problem)
    }
}
