import FieldworkExpressions

/// What the file header must know before the first row: how many rows there are and, for text
/// variables without a declared width, the longest value in UTF-8 bytes.
struct DataMeasurement: Equatable {
    var rowCount: Int
    /// Per variable: the longest text in bytes, or nil when not measured (numeric or declared).
    var measuredBytes: [Int?]

    /// Counts with `rowCount()` when every width is declared, otherwise reads every row once.
    static func measure(schema: ExportSchema, rows: some ExportRowSource) throws -> DataMeasurement {
        let variables = schema.variables
        let needsScan = variables.contains { $0.kind == .string(maxBytes: nil) }
        guard needsScan else {
            return DataMeasurement(rowCount: try rows.rowCount(), measuredBytes: Array(repeating: nil, count: variables.count))
        }
        var widths: [Int?] = variables.map { $0.kind == .string(maxBytes: nil) ? 0 : nil }
        var count = 0
        try rows.forEachRow { cells in
            count += 1
            guard cells.count == variables.count else {
                throw ExportError.rowShape(row: count, expected: variables.count, got: cells.count)
            }
            for index in cells.indices {
                guard let current = widths[index] else { continue }
                let bytes: Int
                switch cells[index] {
                case let .text(text): bytes = text.utf8.count
                case let .missing(code): bytes = CellText.missingCodeText(code).utf8.count
                case let .number(value): bytes = DecimalText.shortest(value).utf8.count
                case .date: bytes = 10  // YYYY-MM-DD
                case .dateTime: bytes = 20  // YYYY-MM-DDTHH:MM:SSZ
                case .systemMissing: bytes = 0
                }
                if bytes > current { widths[index] = bytes }
            }
        }
        return DataMeasurement(rowCount: count, measuredBytes: widths)
    }
}

/// How non-text cells read in a text variable, shared by measuring and writing so widths agree.
enum CellText {
    /// A declared non-answer in a text variable is written as its code ("-1"): text columns have
    /// no user-missing values in Stata, and the code survives every format unchanged.
    static func missingCodeText(_ code: Double) -> String { DecimalText.shortest(code) }
}
