import FieldworkBasics
import FieldworkExpressions

/// What the file header must know before the first row: how many rows there are, the longest
/// value of every text variable in UTF-8 bytes, and the range of every numeric variable's values,
/// so each column gets the smallest storage that holds its data exactly.
struct DataMeasurement: Equatable {
    var rowCount: Int
    /// Per variable: the longest text in bytes (text variables; 0 when every cell is empty), or nil.
    var measuredBytes: [Int?]
    /// Per variable: the smallest and largest `.number` value and whether all are whole numbers
    /// (numeric variables; nil when the column holds no number at all, only missing values).
    var numberRanges: [NumberRange?]

    struct NumberRange: Equatable {
        var lowest: Double
        var highest: Double
        var wholeNumbers: Bool
    }

    /// Reads every row of `rows` once and measures it (without keeping the rows).
    static func measure(schema: ExportSchema, rows: some ExportRowSource) throws -> DataMeasurement {
        var accumulator = Accumulator(schema: schema)
        var count = 0
        try rows.forEachRow { cells in
            count += 1
            guard cells.count == schema.variables.count else {
                throw ExportError.rowShape(row: count, expected: schema.variables.count, got: cells.count)
            }
            accumulator.add(cells)
        }
        return accumulator.result(rowCount: count)
    }

    /// Measures while rows go by (the spool's one pass over the data).
    struct Accumulator {
        private let isText: [Bool]
        private var widths: [Int]
        private var lowest: [Double]
        private var highest: [Double]
        private var fractional: [Bool]

        init(schema: ExportSchema) {
            isText = schema.variables.map { !$0.kind.isNumeric }
            let count = schema.variables.count
            widths = Array(repeating: 0, count: count)
            lowest = Array(repeating: .infinity, count: count)
            highest = Array(repeating: -.infinity, count: count)
            fractional = Array(repeating: false, count: count)
        }

        mutating func add(_ cells: [ExportCell]) {
            for index in cells.indices {
                switch cells[index] {
                case let .number(value):
                    if isText[index] {
                        widths[index] = max(widths[index], DecimalText.shortest(value).utf8.count)
                    } else if !value.isNaN {
                        if value < lowest[index] { lowest[index] = value }
                        if value > highest[index] { highest[index] = value }
                        if value != value.rounded() { fractional[index] = true }
                    }
                case let .text(text):
                    let bytes = text.utf8.count
                    if bytes > widths[index] { widths[index] = bytes }
                case let .missing(code):
                    if isText[index] { widths[index] = max(widths[index], CellText.missingCodeText(code).utf8.count) }
                case .date:
                    if isText[index] { widths[index] = max(widths[index], 10) }  // YYYY-MM-DD
                case .dateTime:
                    if isText[index] { widths[index] = max(widths[index], 20) }  // YYYY-MM-DDTHH:MM:SSZ
                case .systemMissing:
                    break
                }
            }
        }

        func result(rowCount: Int) -> DataMeasurement {
            DataMeasurement(
                rowCount: rowCount,
                measuredBytes: isText.indices.map { isText[$0] ? widths[$0] : nil },
                numberRanges: isText.indices.map { index in
                    guard !isText[index], lowest[index] <= highest[index] else { return nil }
                    return NumberRange(lowest: lowest[index], highest: highest[index], wholeNumbers: !fractional[index])
                })
        }
    }
}

/// How non-text cells read in a text variable, shared by measuring and writing so widths agree.
enum CellText {
    /// A declared non-answer in a text variable is written as its code ("-1"): text columns have
    /// no user-missing values in Stata, and the code survives every format unchanged.
    static func missingCodeText(_ code: Double) -> String { DecimalText.shortest(code) }
}
