/// One thing wrong in an imported file, named the way a volunteer finds it in the spreadsheet.
public struct ImportProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    /// The column's position (1-based) and its header, when the problem is in one cell.
    public var column: Int?
    public var header: String?
    public var message: BilingualText

    public init(file: String, line: Int, column: Int? = nil, header: String? = nil, message: BilingualText) {
        self.file = file
        self.line = line
        self.column = column
        self.header = header
        self.message = message
    }

    public var description: String { text(.fr) }

    /// `adherents.csv:12: colonne 3 « Courriel » : « camille@ » n'est pas une adresse`.
    public func text(_ language: Language) -> String {
        var text = "\(file):\(line):"
        if let column {
            text += language == .fr ? " colonne \(column)" : " column \(column)"
            if let header { text += language == .fr ? " « \(header) »" : " “\(header)”" }
            text += language == .fr ? " :" : ":"
        }
        return text + " " + message(language)
    }
}

/// An import refused as a whole: nothing was written.
public struct ImportFailure: Error, Sendable, CustomStringConvertible {
    public var problems: [ImportProblem]

    public init(problems: [ImportProblem]) { self.problems = problems }

    public var description: String {
        "\(FrenchWords.count(problems.count, "problème", "problèmes")), rien n'a été importé :\n"
            + problems.map { "  \($0)" }.joined(separator: "\n")
    }
}
