/// One result row, copied out of SQLite so it can outlive the statement and cross actors.
public struct Row: Sendable, ColumnReading {
    public let values: [SQLValue]

    public subscript(_ i: Int) -> SQLValue { values[i] }
}
