internal import CFreeXL

/// A .xls workbook (Excel 97–2003, BIFF8: what AMAPJ exports), read with libfreexl: the first sheet's cells.
/// FreeXL gives text in UTF-8 and dates as `YYYY-MM-DD`; numbers stay numbers for the caller to write.
public enum ExcelFile {
    public enum Cell: Sendable, Equatable {
        case empty
        case text(String)
        case number(Double)
    }

    public struct Row: Sendable, Equatable {
        /// 1-based, as the spreadsheet shows it.
        public var number: Int
        public var cells: [Cell]
    }

    public enum Failure: Error, Equatable, Sendable {
        /// libfreexl refused the file (its error code): damaged, or not BIFF.
        case unreadable(Int32)
        case encrypted
        case noSheet
    }

    /// The rows of the first worksheet, up to `rowLimit` (an export is a few thousand rows).
    public static func firstSheet(path: String, rowLimit: Int = 200_000) throws(Failure) -> [Row] {
        var handle: UnsafeRawPointer?
        let opened = freexl_open(path, &handle)
        defer { if let handle { freexl_close(handle) } }
        guard opened == FREEXL_OK, let handle else { throw .unreadable(opened) }
        var password: UInt32 = 0
        if freexl_get_info(handle, UInt16(FREEXL_BIFF_PASSWORD), &password) == FREEXL_OK,
            password == FREEXL_BIFF_OBFUSCATED
        {
            throw .encrypted
        }
        var sheets: UInt32 = 0
        guard freexl_get_info(handle, UInt16(FREEXL_BIFF_SHEET_COUNT), &sheets) == FREEXL_OK, sheets > 0,
            freexl_select_active_worksheet(handle, 0) == FREEXL_OK
        else { throw .noSheet }
        var rowCount: UInt32 = 0
        var columnCount: UInt16 = 0
        guard freexl_worksheet_dimensions(handle, &rowCount, &columnCount) == FREEXL_OK else { throw .noSheet }
        var rows: [Row] = []
        for row in 0..<min(rowCount, UInt32(rowLimit)) {
            var cells: [Cell] = []
            for column in 0..<columnCount {
                var value = FreeXL_CellValue()
                guard freexl_get_cell_value(handle, row, column, &value) == FREEXL_OK else {
                    cells.append(.empty)
                    continue
                }
                switch Int32(value.type) {
                case FREEXL_CELL_INT: cells.append(.number(Double(value.value.int_value)))
                case FREEXL_CELL_DOUBLE: cells.append(.number(value.value.double_value))
                case FREEXL_CELL_TEXT, FREEXL_CELL_SST_TEXT, FREEXL_CELL_DATE, FREEXL_CELL_DATETIME, FREEXL_CELL_TIME:
                    cells.append(value.value.text_value.map { .text(String(cString: $0)) } ?? .empty)
                default: cells.append(.empty)
                }
            }
            rows.append(Row(number: Int(row) + 1, cells: cells))
        }
        return rows
    }
}
