/// What reads a result row's columns, the same way for a copied `Row` and a `StatementRow` read in place.
public protocol ColumnReading: ~Copyable {
    subscript(_ i: Int) -> SQLValue { get }
}

extension ColumnReading where Self: ~Copyable {
    public func int64(_ i: Int) -> Int64? {
        switch self[i] {
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
        switch self[i] {
        case .text(let s): return s
        case .integer(let v): return String(v)
        case .real(let v): return String(v)
        case .blob(let b): return String(decoding: b, as: UTF8.self)
        case .null: return nil
        }
    }

    public func blob(_ i: Int) -> [UInt8]? {
        switch self[i] {
        case .blob(let b): return b
        case .text(let s): return Array(s.utf8)
        default: return nil
        }
    }
}
