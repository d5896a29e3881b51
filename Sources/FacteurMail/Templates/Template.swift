/// A Mustache-subset template: `{{var}}`, `{{{raw}}}`, `{{#list}}…{{/list}}`, `{{^empty}}…{{/empty}}`,
/// dotted names, `{{! comments }}`. Small on purpose: coordinators edit these files by hand.
public struct Template: Sendable {
    indirect enum Node: Sendable {
        /// Literal text, as UTF-8: rendering appends bytes, not strings (issue 15).
        case text([UInt8])
        case variable(name: TemplatePath, escaped: Bool, line: Int, column: Int)
        case section(name: TemplatePath, inverted: Bool, children: [Node], line: Int, column: Int)
    }

    /// How `{{var}}` is escaped: HTML templates escape markup, text and subject templates do not.
    public enum Escaping: Sendable {
        case none
        case html
    }

    public let file: String
    let nodes: [Node]
    /// Room for a rendering: the template's own text and as much again for its values. A subject needs a few
    /// hundred bytes, an HTML part a few kilobytes; each got 4 KiB, three times a notice (issue 15).
    private let room: Int

    public init(source: String, file: String) throws(TemplateError) {
        self.file = file
        var parser = TemplateParser(source: source, file: file)
        self.nodes = try parser.parse()
        room = 2 * Template.literalBytes(nodes) + 256
    }

    private static func literalBytes(_ nodes: [Node]) -> Int {
        nodes.reduce(0) { total, node in
            switch node {
            case .text(let text): return total + text.count
            case .variable: return total
            case .section(_, _, let children, _, _): return total + literalBytes(children)
            }
        }
    }

    public func render(_ context: TemplateValue, escaping: Escaping) -> String {
        String(decoding: renderedBytes(context, escaping: escaping), as: UTF8.self)
    }

    /// The rendering as UTF-8 bytes: every notice renders three templates, and appending bytes to one array
    /// costs a copy where appending strings cost a check of each piece (issue 15).
    public func renderedBytes(_ context: TemplateValue, escaping: Escaping) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(room)
        var stack = [context]
        stack.reserveCapacity(4)
        Template.render(nodes, stack: &stack, escaping: escaping, into: &out)
        return out
    }

    /// `stack` grows by one scope inside a section and is back as it was after it: one array for the whole
    /// rendering, not a copy per section entered (every notice renders three templates: issue 15).
    private static func render(
        _ nodes: [Node], stack: inout [TemplateValue], escaping: Escaping, into out: inout [UInt8]
    ) {
        for node in nodes {
            switch node {
            case .text(let text):
                out.append(contentsOf: text)
            case .variable(let name, let escaped, _, _):
                // A string as it is, `true` for a true flag, nothing for the rest (false, a list, an object, no value).
                switch lookup(name, in: stack) {
                case .string(let value)? where escaped && escaping == .html: HTMLEscaping.escape(value, into: &out)
                case .string(let value)?: out.append(contentsOf: value.utf8)
                case .bool(true)?: out.append(contentsOf: "true".utf8)
                case .hole(let number)?:
                    out.append(Template.holeMark)
                    out.append(escaped && escaping == .html ? 1 : 0)
                    out.append(number)
                default: break
                }
            case .section(let name, let inverted, let children, _, _):
                let value = lookup(name, in: stack)
                let truthy = value?.isTruthy ?? false
                if inverted {
                    if !truthy { render(children, stack: &stack, escaping: escaping, into: &out) }
                } else if truthy, let value {
                    if case .list(let items) = value {
                        for item in items {
                            stack.append(item)
                            render(children, stack: &stack, escaping: escaping, into: &out)
                            stack.removeLast()
                        }
                    } else {
                        stack.append(value)
                        render(children, stack: &stack, escaping: escaping, into: &out)
                        stack.removeLast()
                    }
                }
            }
        }
    }

    /// The first byte of a hole's mark (see `TemplateValue.hole`): never part of UTF-8 text.
    static let holeMark: UInt8 = 0xFF

    /// Resolves a dotted name: the first part from the innermost scope that has it, the rest inside it.
    static func lookup(_ name: TemplatePath, in stack: [TemplateValue]) -> TemplateValue? {
        let parts = name.parts
        guard let first = parts.first else { return name.text == "." ? stack.last : nil }
        var found: TemplateValue?
        for scope in stack.reversed() {
            if let value = scope[member: first] {
                found = value
                break
            }
        }
        guard var value = found else { return nil }
        for part in parts.dropFirst() {
            guard let next = value[member: part] else { return nil }
            value = next
        }
        return value
    }

    /// Checks every name against a sample context holding every variable the kind offers (lists with one
    /// element), so a typo is reported with its line instead of rendering as nothing.
    public func validate(against sample: TemplateValue) throws(TemplateError) {
        try Template.validate(nodes, stack: [sample], file: file)
    }

    private static func validate(_ nodes: [Node], stack: [TemplateValue], file: String) throws(TemplateError) {
        for node in nodes {
            switch node {
            case .text:
                continue
            case .variable(let name, _, let line, let column):
                guard lookup(name, in: stack) != nil else {
                    throw TemplateError(file: file, line: line, column: column, problem: .unknownVariable(name.text))
                }
            case .section(let name, let inverted, let children, let line, let column):
                guard let value = lookup(name, in: stack) else {
                    throw TemplateError(file: file, line: line, column: column, problem: .unknownVariable(name.text))
                }
                var inner = stack
                if !inverted {
                    if case .list(let items) = value {
                        inner.append(items.first ?? .object([:]))
                    } else {
                        inner.append(value)
                    }
                }
                try validate(children, stack: inner, file: file)
            }
        }
    }
}
