/// A template coordinators edited that cannot be used: says file, line and what is wrong.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Problem: Sendable, Equatable {
        case unclosedTag
        case unclosedSection(String)
        case unexpectedClose(String)
        case emptyName
        case unknownVariable(String)
        case missingFile
        /// The language's whole folder cannot be read (a wrong `templates` key, a folder the daemon's user cannot
        /// open): said once, rather than once for each of its files.
        case unreadableFolder
    }

    public var file: String
    public var line: Int
    public var column: Int
    public var problem: Problem
    /// Further templates that cannot be used either: a coordinator fixes them all in one go.
    public var others: [TemplateError] = []

    public init(file: String, line: Int, column: Int, problem: Problem) {
        self.file = file
        self.line = line
        self.column = column
        self.problem = problem
    }

    public var description: String {
        ([self.line(self)] + others.map(line)).joined(separator: "\n")
    }

    private func line(_ error: TemplateError) -> String {
        let (file, line, column) = (error.file, error.line, error.column)
        let what: String
        switch error.problem {
        case .unclosedTag: what = "a tag opened with {{ is never closed with }}"
        case .unclosedSection(let name): what = "section “\(name)” is opened but never closed with {{/\(name)}}"
        case .unexpectedClose(let name): what = "{{/\(name)}} closes a section that is not open"
        case .emptyName: what = "a tag has no variable name"
        case .unknownVariable(let name): what = "unknown variable “\(name)”"
        case .missingFile: return "\(file): template file is missing"
        case .unreadableFolder:
            return "\(file): templates folder missing or unreadable (the configuration's templates key names the "
                + "folder holding fr/ and en/)"
        }
        return "\(file):\(line):\(column): \(what)"
    }
}
