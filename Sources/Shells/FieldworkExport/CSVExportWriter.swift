import FieldworkBasics
import FieldworkExpressions
import FieldworkModel
import Foundation

/// Writes RFC 4180 CSV: UTF-8 without a byte-order mark, CRLF line ends (as the RFC specifies;
/// pandas, R and Excel all read them), a header row of names, fields quoted only when they hold
/// a comma, a double quote, CR or LF, with quotes doubled. Don't-know/refused are written as
/// their codes, system-missing as an empty field. Text cells go through `CSVTextEscaping`
/// (formula prefix, visible controls); numbers, codes, dates and date-times never do.
///
/// Written by hand rather than with CSV.swift: the writing side of RFC 4180 is a quoting rule and
/// a line end, and owning it keeps the exact bytes (line ends, no BOM, number text) under test.
struct CSVExportWriter {
    static let lineEnd = "\r\n"

    /// One field, quoted if needed.
    static func field(_ text: String) -> String {
        let needsQuotes = text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 13 || $0 == 10 }
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func record(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + lineEnd
    }

    /// Streams the data file; returns the number of rows written.
    static func writeData(schema: ExportSchema, rows: some ExportRowSource, textEscaping: CSVTextEscaping,
                          to sink: FileSink) throws -> Int {
        let variables = schema.variables
        // Per cell only the storage kind is needed; the variable itself only for errors and codes.
        // Date columns hold dates as text, so only plain numeric columns take numbers directly.
        // Numbers are written with at most their variable's declared places.
        let places: [Int?] = variables.map { if case .numeric(let decimals) = $0.kind { decimals } else { nil } }
        sink.append(record(variables.map(\.name)))
        var count = 0
        try rows.forEachRow { cells in
            count += 1
            guard cells.count == variables.count else {
                throw ExportError.rowShape(row: count, expected: variables.count, got: cells.count)
            }
            // Fields go straight to the sink: no per-row array, joined string or number strings.
            for index in cells.indices {
                if index > 0 { sink.append(byte: UInt8(ascii: ",")) }
                try append(cells[index], column: index, places: places[index], variables: variables, row: count,
                           textEscaping: textEscaping, to: sink)
            }
            sink.append(lineEnd)
            if let failure = sink.failure {
                throw ExportError.io(operation: "writing", path: sink.path, message: failure)
            }
        }
        return count
    }

    /// Writes one cell as `text(of:variable:row:)` reads it.
    private static func append(_ cell: ExportCell, column index: Int, places: Int?, variables: [ExportVariable], row: Int,
                               textEscaping: CSVTextEscaping, to sink: FileSink) throws {
        switch cell {
        case let .number(value) where places != nil:
            guard !value.isNaN, !value.isInfinite else { return }
            sink.append(number: value, places: places ?? 0)  // number text never needs quoting
        case .systemMissing:
            return
        default:
            sink.append(field(try text(of: cell, variable: variables[index], row: row, textEscaping: textEscaping)))
        }
    }

    private static func text(of cell: ExportCell, variable: ExportVariable, row: Int, textEscaping: CSVTextEscaping) throws -> String {
        switch cell {
        case let .number(value):
            guard variable.kind.isNumeric else {
                throw ExportError.badCell(row: row, variable: variable.name,
                                          problem: "the number \(DecimalText.shortest(value)) in a text variable; pass it as .text")
            }
            guard !variable.kind.isDate else {
                throw ExportError.badCell(row: row, variable: variable.name,
                                          problem: "the number \(DecimalText.shortest(value)) in a date variable; pass it as .date")
            }
            guard !variable.kind.isDateTime else {
                throw ExportError.badCell(row: row, variable: variable.name,
                                          problem: "the number \(DecimalText.shortest(value)) in a date-time variable; pass it as .dateTime")
            }
            return DecimalText.shortest(value)
        case let .date(day):
            if variable.kind.isNumeric && !variable.kind.isDate {
                throw ExportError.badCell(row: row, variable: variable.name,
                                          problem: "the date \(DateText.text(dayNumber: day)) in a numeric variable; declare the variable as a date")
            }
            return DateText.text(dayNumber: day)
        case let .dateTime(seconds):
            guard variable.kind.isDateTime else {
                throw ExportError.badCell(row: row, variable: variable.name,
                                          problem: "the date-time \(UTCTimestamp.format(unixSeconds: seconds)) in a variable that is not a date-time; declare it as .dateTime")
            }
            return UTCTimestamp.format(unixSeconds: seconds)
        case let .text(value):
            guard !variable.kind.isNumeric else {
                throw ExportError.badCell(row: row, variable: variable.name,
                                          problem: "text \"\(UTF8Cut.prefix(value, maxBytes: 40))\" in a \(variable.kind.isDate ? "date" : variable.kind.isDateTime ? "date-time" : "numeric") variable")
            }
            return textEscaping.text(value)
        case .systemMissing:
            return ""
        case let .missing(code):
            guard variable.missingCode(code) != nil else {
                let declared = variable.missing.map { DecimalText.shortest($0.code) }.joined(separator: ", ")
                throw ExportError.badCell(row: row, variable: variable.name,
                                          problem: "missing code \(DecimalText.shortest(code)) is not declared for this variable (declared: \(declared.isEmpty ? "none" : declared)); declare it or write system-missing")
            }
            return CellText.missingCodeText(code)
        }
    }

    /// `variable,value,label`: every value label, missing codes included, one per line.
    static func writeValueLabels(schema: ExportSchema, to sink: FileSink) {
        sink.append(record(["variable", "value", "label"]))
        for variable in schema.variables {
            for valueLabel in variable.valueLabels where variable.missingCode(valueLabel.code) == nil {
                sink.append(record([variable.name, DecimalText.shortest(valueLabel.code), valueLabel.label]))
            }
            for code in variable.missing {
                sink.append(record([variable.name, DecimalText.shortest(code.code), code.label]))
            }
        }
    }

    /// `name,label,type,decimals,max_bytes,missing`: the dictionary (`type` is numeric, string,
    /// date or datetime); `missing` lists the codes that mean no substantive answer, separated by ";".
    static func writeVariables(schema: ExportSchema, to sink: FileSink) {
        sink.append(record(["name", "label", "type", "decimals", "max_bytes", "missing"]))
        for variable in schema.variables {
            let missing = variable.missing.map { DecimalText.shortest($0.code) }.joined(separator: ";")
            switch variable.kind {
            case let .numeric(decimals):
                sink.append(record([variable.name, variable.label, "numeric", String(decimals), "", missing]))
            case let .string(maxBytes):
                sink.append(record([variable.name, variable.label, "string", "", maxBytes.map { String($0) } ?? "", missing]))
            case .date:
                // Answers are YYYY-MM-DD text (10 bytes); missing codes are written as numbers.
                sink.append(record([variable.name, variable.label, "date", "", "10", missing]))
            case .dateTime:
                // UTC instants as YYYY-MM-DDTHH:MM:SSZ text (20 bytes).
                sink.append(record([variable.name, variable.label, "datetime", "", "20", missing]))
            }
        }
    }

    /// The labels and dictionary files that travel with `dataURL` (`x.csv` → `x.labels.csv`, `x.variables.csv`).
    static func companionURLs(for dataURL: URL) -> (labels: URL, variables: URL) {
        let base = dataURL.deletingPathExtension()
        return (base.appendingPathExtension("labels.csv"), base.appendingPathExtension("variables.csv"))
    }
}
