import FacteurCore
import FacteurMail
import Testing

@Suite struct TemplateTests {
    @Test("variables, dotted names, sections, inverted sections, HTML escaping")
    func rendering() throws {
        let t = try Template(
            source: "Bonjour {{member.name}}{{#items}}\n- {{.}}{{/items}}{{^none}}!{{/none}} {{{raw}}} {{html}}",
            file: "t.txt")
        let context: TemplateValue = [
            "member": ["name": "Zoé"], "items": ["a", "b"], "none": .list([]), "raw": "<b>", "html": "<i>",
        ]
        #expect(t.render(context, escaping: .html) == "Bonjour Zoé\n- a\n- b! <b> &lt;i&gt;")
        #expect(t.render(context, escaping: .none).hasSuffix("<b> <i>"))
    }

    @Test("HTML escaping of hostile values: each of & < > \" ' replaced wherever it stands, the rest copied as it is")
    func escapingRuns() throws {
        let t = try Template(source: "<p title=\"{{v}}\">{{v}}</p>", file: "t.html")
        let values = [
            "", "&", "<script>alert('x')</script>", "Œufs & volailles \"bio\"", "a'b'c", "déjà>", "&&&&", "plain",
        ]
        for value in values {
            let entities: [Character: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"]
            let expected = value.map { entities[$0] ?? String($0) }.joined()
            #expect(HTMLEscaping.escape(value) == expected)
            #expect(t.render(["v": .string(value)], escaping: .html) == "<p title=\"\(expected)\">\(expected)</p>")
            #expect(
                t.renderedBytes(["v": .string(value)], escaping: .html)
                    == Array("<p title=\"\(expected)\">\(expected)</p>".utf8))
        }
        // A flag renders `true` when true; false, a list, an object and a missing name render nothing.
        let flags = try Template(source: "{{a}}|{{b}}|{{c}}|{{d}}|{{e}}", file: "t.txt")
        #expect(flags.render(["a": true, "b": false, "c": ["x"], "d": ["k": "v"]], escaping: .html) == "true||||")
    }

    @Test("an object's name given twice holds its last value, in a literal, set, merged or looked up by a template")
    func objectNames() throws {
        var object: TemplateObject = ["a": "1", "b": "2", "a": "3"]
        #expect(object["a"] == "3")
        object["b"] = "4"
        object["c"] = "5"
        object["a"] = nil
        #expect(object["a"] == nil && object["b"] == "4" && object["c"] == "5")
        object.merge(["b": "6", "d": "7"])
        #expect(object["b"] == "6" && object["d"] == "7")
        #expect(object.dictionary == ["b": "6", "c": "5", "d": "7"])
        // Equal whatever the order, and whatever was replaced on the way.
        #expect(object == ["d": "7", "c": "5", "b": "6"])
        #expect(object != ["d": "7", "c": "5", "b": "2"])
        let t = try Template(source: "{{a}}{{b}}{{#o}}{{a}}{{/o}}", file: "t.txt")
        let context: TemplateValue = ["a": "x", "b": "y", "a": "z", "o": ["a": "p", "a": "q"]]
        #expect(t.render(context, escaping: .none) == "zyq")
    }

    @Test("a section alone on its line leaves no blank line")
    func standaloneSections() throws {
        let t = try Template(source: "A\n{{#x}}\nB\n{{/x}}\nC\n", file: "t.txt")
        #expect(t.render(["x": true], escaping: .none) == "A\nB\nC\n")
        #expect(t.render(["x": false], escaping: .none) == "A\nC\n")
    }

    @Test("an unknown variable is reported with file, line and name")
    func unknownVariable() throws {
        let t = try Template(source: "ligne 1\nligne 2 {{membre.nom}}", file: "Templates/fr/announcement.txt")
        let error = #expect(throws: TemplateError.self) { try t.validate(against: ["member": ["name": "x"]]) }
        #expect(error?.line == 2)
        #expect(error?.description == "Templates/fr/announcement.txt:2:9: unknown variable “membre.nom”")
    }

    @Test("unclosed tags and sections are parse errors with their line")
    func parseErrors() {
        let open = #expect(throws: TemplateError.self) { try Template(source: "a\n{{#x}}b", file: "f") }
        #expect(open?.problem == .unclosedSection("x"))
        #expect(open?.line == 2)
        let tag = #expect(throws: TemplateError.self) { try Template(source: "{{name", file: "f") }
        #expect(tag?.problem == .unclosedTag)
        let stray = #expect(throws: TemplateError.self) { try Template(source: "{{/y}}", file: "f") }
        #expect(stray?.problem == .unexpectedClose("y"))
    }

    @Test("every shipped template parses and names only known variables")
    func shippedTemplates() throws {
        for language in Language.allCases {
            let set = try ShippedTemplates.load(language)
            for kind in SampleNotices.templatedKinds { #expect(set.templates(for: kind) != nil) }
        }
    }
}
