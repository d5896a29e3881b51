/// A result row read where it stands, while its statement is on it: a column is copied out of SQLite only when it
/// is asked for. Copying every column of every row into a `Row` first was a fifth of reading a group's outbox
/// memory, whose rows are mostly looked at for their key alone (issue 15). It cannot be copied, so it cannot
/// outlive its step; `copied` is the `Row` that can.
public struct StatementRow: ~Copyable, ColumnReading {
    let statement: SQLiteStatement

    public subscript(_ i: Int) -> SQLValue {
        // SQLite reads a column past the last as NULL; a copied `Row` traps on it. The tests run the checks, so a
        // query and its reader that disagree on a column's place fail there, not silently.
        assert(i >= 0 && i < statement.columnCount, "column \(i) of a row of \(statement.columnCount)")
        return statement.value(i)
    }

    public var copied: Row { Row(values: (0..<statement.columnCount).map(statement.value)) }
}
