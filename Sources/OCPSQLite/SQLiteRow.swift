/// One result row: cells by position, and by column name for readability where speed does not matter.
public struct SQLiteRow: Sendable {
    /// The statement's column names, shared by every row it returns.
    public let columnNames: [String]
    /// The cells, in the order of the SELECT list.
    public let values: [SQLiteValue]

    /// The cell at `index`.
    public subscript(_ index: Int) -> SQLiteValue { values[index] }

    /// The cell of the first column called `name`, or nil when there is none.
    public func column(_ name: String) -> SQLiteValue? {
        columnNames.firstIndex(of: name).map { values[$0] }
    }
}
