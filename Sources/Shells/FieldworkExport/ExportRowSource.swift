/// Rows for an export, read twice: once to count (ReadStat fixes the row count in the file
/// header before the first row) and once to stream. Neither pass should hold all rows in memory.
public protocol ExportRowSource {
    /// The number of rows `forEachRow` will produce.
    func rowCount() throws -> Int
    /// Calls `body` once per row, in order, with one cell per schema variable.
    func forEachRow(_ body: ([ExportCell]) throws -> Void) throws
}

/// Rows already in memory: for tests, samples and small exports.
public struct ArrayRowSource: ExportRowSource, Sendable {
    public var rows: [[ExportCell]]

    public init(_ rows: [[ExportCell]]) {
        self.rows = rows
    }

    public func rowCount() throws -> Int { rows.count }

    public func forEachRow(_ body: ([ExportCell]) throws -> Void) throws {
        for row in rows { try body(row) }
    }
}
