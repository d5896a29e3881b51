/// The words after the command name: `--option value`, `--flag`, and positional words.
public struct Arguments: Sendable {
    private var words: [String]

    public init(_ words: [String]) { self.words = words }

    /// Removes and returns `--name VALUE` (or `--name=VALUE`).
    public mutating func option(_ name: String) throws(UsageError) -> String? {
        for (i, word) in words.enumerated() {
            if word == name {
                guard i + 1 < words.count, !words[i + 1].hasPrefix("--") else {
                    throw UsageError("\(name) needs a value")
                }
                let value = words[i + 1]
                words.removeSubrange(i...(i + 1))
                return value
            }
            if word.hasPrefix(name + "=") {
                words.remove(at: i)
                return String(word.dropFirst(name.count + 1))
            }
        }
        return nil
    }

    public mutating func flag(_ name: String) -> Bool {
        guard let i = words.firstIndex(of: name) else { return false }
        words.remove(at: i)
        return true
    }

    public mutating func positional() -> String? {
        guard let i = words.firstIndex(where: { !$0.hasPrefix("--") }) else { return nil }
        return words.remove(at: i)
    }

    /// Fails on anything left over: a misspelt option must not be silently ignored.
    public func finish() throws(UsageError) {
        if let extra = words.first { throw UsageError("unexpected argument “\(extra)”") }
    }
}
