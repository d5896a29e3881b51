/// One result row, copied out of SQLite so it can outlive the statement and cross actors.
public struct Row: Sendable {
    public let values: [SQLValue]

    public subscript(_ i: Int) -> SQLValue { values[i] }

    public func int64(_ i: Int) -> Int64? {
        switch values[i] {
        case .integer(let v): return v
        case .real(let v): return Int64(exactly: v)
        case .text(let s): return Int64(s)
        default: return nil
        }
    }

    public func int(_ i: Int) -> Int? { int64(i).map(Int.init) }

    /// Text as stored; integers and reals are given in their SQL text form, as a management tool may
    /// have written a time or a flag with the wrong type.
    public func text(_ i: Int) -> String? {
        switch values[i] {
        case .text(let s): return s
        case .integer(let v): return String(v)
        case .real(let v): return String(v)
        case .blob(let b): return String(decoding: b, as: UTF8.self)
        case .null: return nil
        }
    }

    public func blob(_ i: Int) -> [UInt8]? {
        switch values[i] {
        case .blob(let b): return b
        case .text(let s): return Array(s.utf8)
        default: return nil
        }
    }
}
