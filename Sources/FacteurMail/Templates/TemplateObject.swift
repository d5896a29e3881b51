/// A template object's names and values, in the order given; where a name is given twice, the last one holds,
/// as in a dictionary literal. A list of pairs rather than a dictionary: a notice's context is built once,
/// read a few dozen times and dropped, and hashing every name to build it cost more than the reads save
/// (issue 15). Its objects hold a dozen names at most.
public struct TemplateObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    private var entries: [(name: String, value: TemplateValue)]

    public init(dictionaryLiteral elements: (String, TemplateValue)...) { self.init(elements) }

    init(_ elements: [(String, TemplateValue)]) { entries = elements.map { ($0, $1) } }

    /// The value of `name`, the last given; setting replaces every earlier one, nil removes it.
    public subscript(name: String) -> TemplateValue? {
        get {
            // Lengths first: most names looked at are not the one sought, and comparing lengths is inline
            // where comparing two different strings is a call (every variable of every notice, issue 15).
            let length = name.utf8.count
            var i = entries.endIndex
            while i > entries.startIndex {
                i -= 1
                if entries[i].name.utf8.count == length && entries[i].name == name { return entries[i].value }
            }
            return nil
        }
        set {
            entries.removeAll { $0.name == name }
            if let newValue { entries.append((name, newValue)) }
        }
    }

    /// Adds `other`'s names; where both have a name, `other`'s value holds.
    public mutating func merge(_ other: TemplateObject) { entries += other.entries }

    /// Every name once, with the value that holds.
    public var dictionary: [String: TemplateValue] {
        Dictionary(entries.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    /// Equal when they hold the same names with the same values, whatever the order.
    public static func == (a: TemplateObject, b: TemplateObject) -> Bool { a.dictionary == b.dictionary }
}
