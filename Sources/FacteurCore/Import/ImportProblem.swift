/// One thing wrong in an imported file, named the way a volunteer finds it in the spreadsheet.
public struct ImportProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    /// The column's position (1-based) and its header, when the problem is in one cell.
    public var column: Int?
    public var header: String?
    public var message: String

    public init(file: String, line: Int, column: Int? = nil, header: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.header = header
        self.message = message
    }

    public var description: String {
        var text = "\(file):\(line):"
        if let column {
            text += " column \(column)"
            if let header { text += " “\(header)”" }
            text += ":"
        }
        return text + " " + message
    }
}

/// An import refused as a whole: nothing was written.
public struct ImportFailure: Error, Sendable, CustomStringConvertible {
    public var problems: [ImportProblem]

    public init(problems: [ImportProblem]) { self.problems = problems }

    public var description: String {
        "\(problems.count) problem(s), nothing imported:\n" + problems.map { "  \($0)" }.joined(separator: "\n")
    }
}
