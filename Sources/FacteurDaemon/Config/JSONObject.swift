import Foundation

/// Walks a parsed JSON object, remembering the key path so every error names it, and which keys were
/// read so unknown (misspelt) keys can be reported.
final class JSONObject {
    let file: String
    let path: String
    private let values: [String: Any]
    private var read: Set<String> = []
    private var children: [JSONObject] = []

    init(file: String, path: String, values: [String: Any]) {
        self.file = file
        self.path = path
        self.values = values
    }

    private func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func error(_ key: String, _ problem: String) -> ConfigError {
        ConfigError(file: file, key: keyPath(key), problem: problem)
    }

    private func raw(_ key: String) -> Any? {
        read.insert(key)
        guard let v = values[key], !(v is NSNull) else { return nil }
        return v
    }

    func string(_ key: String) throws(ConfigError) -> String? {
        guard let v = raw(key) else { return nil }
        guard let s = v as? String else { throw error(key, "expected a string") }
        return s
    }

    func string(_ key: String, default value: String) throws(ConfigError) -> String {
        try string(key) ?? value
    }

    func number(_ key: String, default value: Double, range: ClosedRange<Double>) throws(ConfigError) -> Double {
        guard let v = raw(key) else { return value }
        guard !JSONObject.isBoolean(v), let n = v as? NSNumber else {
            throw error(key, "expected a number")
        }
        let d = n.doubleValue
        guard range.contains(d) else {
            throw error(key, "\(d) is out of range (\(range.lowerBound)…\(range.upperBound))")
        }
        return d
    }

    func int(_ key: String, default value: Int, range: ClosedRange<Int>) throws(ConfigError) -> Int {
        let d = try number(key, default: Double(value), range: Double(range.lowerBound)...Double(range.upperBound))
        guard d == d.rounded() else { throw error(key, "expected a whole number") }
        return Int(d)
    }

    func bool(_ key: String, default value: Bool) throws(ConfigError) -> Bool {
        guard let v = raw(key) else { return value }
        guard JSONObject.isBoolean(v), let b = v as? Bool else { throw error(key, "expected true or false") }
        return b
    }

    func object(_ key: String) throws(ConfigError) -> JSONObject {
        let v = raw(key) ?? [String: Any]()
        guard let dict = v as? [String: Any] else { throw error(key, "expected an object") }
        let child = JSONObject(file: file, path: keyPath(key), values: dict)
        children.append(child)
        return child
    }

    /// JSONSerialization gives booleans as NSNumber too, and `0 is Bool` holds: only the boolean class counts.
    static func isBoolean(_ value: Any) -> Bool {
        String(describing: type(of: value)).contains("Boolean") || type(of: value) == Bool.self
    }

    /// Key paths present in the file that nothing read.
    var unknownKeys: [String] { unknownKeysWithSuggestions.map(\.key) }

    /// Each unknown key with the known key of the same object it is most likely a typo of ("did you mean").
    var unknownKeysWithSuggestions: [(key: String, suggestion: String?)] {
        let own = values.keys.filter { !read.contains($0) }.map { key -> (key: String, suggestion: String?) in
            let best = read.map { ($0, Self.distance(key.lowercased(), $0.lowercased())) }.min { $0.1 < $1.1 }
            return (keyPath(key), best.flatMap { $0.1 <= max(2, key.count / 4) ? keyPath($0.0) : nil })
        }
        return (own + children.flatMap(\.unknownKeysWithSuggestions)).sorted { $0.key < $1.key }
    }

    /// Levenshtein distance, for key names (a few dozen characters).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }
}
