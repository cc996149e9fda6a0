import FieldworkBasics
import FieldworkExpressions
import CReadStat
import FieldworkModel

/// Writes .sav and .dta through ReadStat, following the call order it needs: label sets and
/// variables first, the row count fixed at `begin_writing`, every name validated before the first
/// row (ReadStat otherwise checks names at the first row and crashes on the next insert).
struct ReadStatFileWriter {
    let layout: StatFileLayout
    let rowCount: Int

    /// Text cut to fit, per variable name; reported as warnings.
    private(set) var truncations: [String: Int] = [:]

    init(layout: StatFileLayout, rowCount: Int) {
        self.layout = layout
        self.rowCount = rowCount
    }

    /// Streams `rows` into `sink`; returns warnings about text cut to fit.
    mutating func write(rows: some ExportRowSource, to sink: FileSink) throws -> [String] {
        guard let writer = readstat_writer_init() else {
            throw ExportError.readStat(operation: "writer_init", message: "out of memory")
        }
        defer { readstat_writer_free(writer) }
        try check(readstat_set_data_writer(writer, fileSinkCallback), "set_data_writer", sink)

        let isSAV = layout.format == .sav
        if isSAV {
            try check(readstat_writer_set_compression(writer, READSTAT_COMPRESS_ROWS), "set_compression", sink)
        }
        if !layout.fileLabel.isEmpty {
            try check(readstat_writer_set_file_label(writer, layout.fileLabel), "set_file_label", sink)
        }

        if !isSAV {
            // Stata has no multiple-response sets: a dataset note names each group (`notes` lists them).
            for set in layout.multipleResponseSets {
                readstat_add_note(writer, set.stataNote)
            }
        }
        let variables = try layout.columns.enumerated().map { index, column in
            try addVariable(column, index: index, to: writer, sink: sink)
        }
        let stringReferenceColumns = layout.columns.indices.filter { layout.columns[$0].storage == .stringReference }
        if !stringReferenceColumns.isEmpty {
            try addStringReferences(rows: rows, columns: Set(stringReferenceColumns), writer: writer)
        }

        let context = Unmanaged.passUnretained(sink).toOpaque()
        let begin = isSAV
            ? readstat_begin_writing_sav(writer, context, rowCount)
            : readstat_begin_writing_dta(writer, context, rowCount)
        try check(begin, isSAV ? "begin_writing_sav" : "begin_writing_dta", sink)
        for (column, variable) in zip(layout.columns, variables) {
            let status = readstat_validate_variable(writer, variable)
            if status != READSTAT_OK {
                throw ExportError.invalidSchema(format: layout.format, problems: [
                    "\(column.variable.name): \(String(cString: readstat_error_message(status)))",
                ])
            }
        }
        try check(readstat_validate_metadata(writer), "validate_metadata", sink)
        // ReadStat writes the .sav dictionary at the first row (or at the end when there is none);
        // it is held back to add the multiple-response sets (`SAVDictionaryPatch`).
        var holdingDictionary = isSAV && !layout.multipleResponseSets.isEmpty
        if holdingDictionary { sink.beginCapture() }
        func releaseDictionary() throws {
            guard holdingDictionary else { return }
            holdingDictionary = false
            let patched: [UInt8]
            do {
                patched = try SAVDictionaryPatch.insert(layout.multipleResponseSets, into: sink.endCapture())
            } catch {
                throw ExportError.readStat(operation: "writing the multiple-response sets", message: "\(error)")
            }
            patched.withUnsafeBytes { _ = sink.append($0) }
        }

        var produced = 0
        var nextReference: Int32 = 0
        // Per cell only the storage is needed (a plain value: no reference counting in the row
        // loop); the full column is looked up for text, missing codes and errors.
        let storages = layout.columns.map(\.storage)
        let textLimits = layout.columns.map(\.textLimit)
        try rows.forEachRow { cells in
            produced += 1
            guard produced <= rowCount else {
                throw ExportError.rowCountChanged(counted: rowCount, produced: produced)
            }
            guard cells.count == variables.count else {
                throw ExportError.rowShape(row: produced, expected: variables.count, got: cells.count)
            }
            try check(readstat_begin_row(writer), "begin_row", sink, row: produced)
            if produced == 1 { try releaseDictionary() }
            for index in cells.indices {
                try insert(cells[index], columnIndex: index, storage: storages[index], textLimit: textLimits[index], variable: variables[index],
                           writer: writer, row: produced, nextReference: &nextReference, sink: sink)
            }
            try check(readstat_end_row(writer), "end_row", sink, row: produced)
        }
        guard produced == rowCount else {
            throw ExportError.rowCountChanged(counted: rowCount, produced: produced)
        }
        try check(readstat_end_writing(writer), "end_writing", sink)
        try releaseDictionary()
        return truncations.sorted { $0.key < $1.key }.map { name, count in
            "\(name): \(count) value(s) cut to fit the .\(layout.format.rawValue) column at a character boundary"
        }
    }

    private func addVariable(_ column: StatFileLayout.Column, index: Int,
                             to writer: UnsafeMutablePointer<readstat_writer_t>,
                             sink: FileSink) throws -> UnsafeMutablePointer<readstat_variable_t> {
        let isSAV = layout.format == .sav
        let type: readstat_type_t
        let width: Int
        switch column.storage {
        case .numeric, .date, .dateTime: (type, width) = (READSTAT_TYPE_DOUBLE, 0)
        case .whole(.byte, _): (type, width) = (READSTAT_TYPE_INT8, 0)
        case .whole(.int, _): (type, width) = (READSTAT_TYPE_INT16, 0)
        case .whole(.long, _): (type, width) = (READSTAT_TYPE_INT32, 0)
        case let .string(bytes): (type, width) = (READSTAT_TYPE_STRING, bytes)
        case .stringReference: (type, width) = (READSTAT_TYPE_STRING_REF, 0)
        }
        guard let variable = readstat_add_variable(writer, column.variable.name, type, width) else {
            throw ExportError.readStat(operation: "add_variable \(column.variable.name)", message: "out of memory")
        }
        if !column.label.isEmpty {
            readstat_variable_set_label(variable, column.label)
        }
        switch column.storage {
        case .numeric, .whole, .date, .dateTime:
            switch column.storage {
            case let .whole(_, decimals):
                // Stata's own default for byte/int/long (%8.0g) would do, but a declared range
                // wider than 8 digits needs its width.
                readstat_variable_set_format(variable, "%\(max(9, column.variable.displayWidth ?? decimals + 3)).\(decimals)f")
            case let .numeric(decimals) where isSAV:
                readstat_variable_set_format(variable, "F\(column.variable.displayWidth ?? max(8, decimals + 3)).\(decimals)")
            case let .numeric(decimals) where decimals > 0 || column.variable.displayWidth != nil:
                // Stata's own default (%9.0g) shows large whole numbers with an exponent.
                readstat_variable_set_format(variable, "%\(max(9, column.variable.displayWidth ?? decimals + 3)).\(decimals)f")
            case .date:
                readstat_variable_set_format(variable, isSAV ? StatDate.spssFormat : StatDate.stataFormat)
            case .dateTime:
                readstat_variable_set_format(variable, isSAV ? StatDateTime.spssFormat : StatDateTime.stataFormat)
            default:
                break
            }
            let labelled = !column.valueLabels.isEmpty
            readstat_variable_set_measure(variable, labelled ? READSTAT_MEASURE_NOMINAL : READSTAT_MEASURE_SCALE)
            readstat_variable_set_alignment(variable, READSTAT_ALIGNMENT_RIGHT)
            if isSAV {
                for code in column.missing {
                    try check(readstat_variable_add_missing_double_value(variable, code.code),
                              "add_missing_double_value \(column.variable.name)", sink)
                }
            }
            if let labels = try labelSet(for: column, index: index, writer: writer) {
                readstat_variable_set_label_set(variable, labels)
            }
        case .string, .stringReference:
            readstat_variable_set_measure(variable, READSTAT_MEASURE_NOMINAL)
            readstat_variable_set_alignment(variable, READSTAT_ALIGNMENT_LEFT)
            // Don't know/refused on a text question are the codes as text ("-1"), not declared
            // user-missing: SPSS keeps missing values of strings over 8 bytes in a record (subtype 22)
            // that ReadStat 1.1.8 fills with garbage and that PSPP and ReadStat read in two different
            // layouts, so no declaration reads the same everywhere. The codebook and CSV dictionary list them.
        }
        return variable
    }

    /// SPSS keeps value labels as doubles, missing codes included. Stata keys them by int32 and
    /// labels don't-know/refused through their tagged missing values `.a`, `.b`.
    private func labelSet(for column: StatFileLayout.Column, index: Int,
                          writer: UnsafeMutablePointer<readstat_writer_t>) throws -> UnsafeMutablePointer<readstat_label_set_t>? {
        guard !column.valueLabels.isEmpty || !column.missing.isEmpty else { return nil }
        let isSAV = layout.format == .sav
        // Stata convention: the label set takes the variable's name (valid: checked up front).
        let name = isSAV ? "labels\(index)" : column.variable.name
        guard let set = readstat_add_label_set(writer, isSAV ? READSTAT_TYPE_DOUBLE : READSTAT_TYPE_INT32, name) else {
            throw ExportError.readStat(operation: "add_label_set \(name)", message: "out of memory")
        }
        if isSAV {
            for valueLabel in column.valueLabels {
                readstat_label_double_value(set, valueLabel.code, valueLabel.label)
            }
            for code in column.missing {
                readstat_label_double_value(set, code.code, code.label)
            }
        } else {
            for valueLabel in column.valueLabels {
                readstat_label_int32_value(set, Int32(valueLabel.code), valueLabel.label)
            }
            for code in column.missing {
                guard let tag = code.stataTag.asciiValue else { continue }  // checked a–z up front
                readstat_label_tagged_value(set, CChar(tag), code.label)
            }
        }
        return set
    }

    /// ReadStat measures the strL table when it writes the header, so every strL value must be
    /// registered before the first row: these columns are held in memory for the export.
    private mutating func addStringReferences(rows: some ExportRowSource, columns: Set<Int>,
                                              writer: UnsafeMutablePointer<readstat_writer_t>) throws {
        var row = 0
        try rows.forEachRow { cells in
            row += 1
            guard cells.count == layout.columns.count else {
                throw ExportError.rowShape(row: row, expected: layout.columns.count, got: cells.count)
            }
            for index in columns.sorted() {
                if let text = try textValue(cells[index], columnIndex: index, limit: layout.columns[index].textLimit, row: row, count: false),
                   !text.isEmpty {
                    guard readstat_add_string_ref(writer, text) != nil else {
                        throw ExportError.readStat(operation: "add_string_ref", message: "out of memory")
                    }
                }
            }
        }
    }

    /// The text a cell puts in string column `index` (nil: empty), cut to the column's limit. Takes
    /// the limit as a plain value and looks the column up only for the rare cases (missing codes,
    /// cuts, errors): this runs for every text cell.
    private mutating func textValue(_ cell: ExportCell, columnIndex index: Int, limit: Int?, row: Int, count: Bool) throws -> String? {
        let text: String
        switch cell {
        case let .text(value): text = value
        case .systemMissing: return nil
        case let .missing(code):
            guard layout.columns[index].variable.missingCode(code) != nil else {
                throw undeclaredMissing(code, column: layout.columns[index], row: row)
            }
            text = CellText.missingCodeText(code)
        case let .number(value):
            throw ExportError.badCell(row: row, variable: layout.columns[index].variable.name,
                                      problem: "the number \(DecimalText.shortest(value)) in a text variable; pass it as .text")
        case let .date(day):
            text = DateText.text(dayNumber: day)
        case let .dateTime(seconds):
            text = UTCTimestamp.format(unixSeconds: seconds)
        }
        if let limit, text.utf8.count > limit {
            if count { truncations[layout.columns[index].variable.name, default: 0] += 1 }
            return UTF8Cut.prefix(text, maxBytes: limit)
        }
        return text
    }

    /// The double a numeric, date or date-time column stores for a value cell of its own kind;
    /// nil for a cell of another kind.
    private func storedDouble(_ cell: ExportCell, storage: StatFileLayout.Storage) -> Double? {
        switch (storage, cell) {
        case let (.numeric, .number(value)): return value
        case let (.date, .date(day)):
            return layout.format == .sav ? StatDate.spssSeconds(dayNumber: day) : StatDate.stataDays(dayNumber: day)
        case let (.dateTime, .dateTime(seconds)):
            return layout.format == .sav ? StatDateTime.spssSeconds(unixSeconds: seconds) : StatDateTime.stataMilliseconds(unixSeconds: seconds)
        default: return nil
        }
    }

    /// What is wrong with a value cell of the wrong kind for its column, and what to do.
    private static func mismatch(_ cell: ExportCell, storage: StatFileLayout.Storage) -> String {
        let column: String
        switch storage {
        case .date: column = "a date variable"
        case .dateTime: column = "a date-time variable"
        default: column = "a numeric variable"
        }
        let value: String
        var advice: String?
        switch cell {
        case let .number(number): value = "the number \(DecimalText.shortest(number))"
        case let .text(text): value = "text \"\(UTF8Cut.prefix(text, maxBytes: 40))\""
        case let .date(day):
            value = "the date \(DateText.text(dayNumber: day))"
            if case .numeric = storage { advice = "declare the variable as a date" }
        case let .dateTime(seconds):
            value = "the date-time \(UTCTimestamp.format(unixSeconds: seconds))"
            if storage != .dateTime { advice = "declare the variable as a date-time" }
        case .systemMissing, .missing: value = "a missing value"
        }
        if advice == nil {
            switch storage {
            case .date: advice = "pass it as .date"
            case .dateTime: advice = "pass it as .dateTime"
            default: break
            }
        }
        return "\(value) in \(column)" + (advice.map { "; \($0)" } ?? "")
    }

    private mutating func insert(_ cell: ExportCell, columnIndex: Int, storage: StatFileLayout.Storage, textLimit: Int?,
                                 variable: UnsafeMutablePointer<readstat_variable_t>,
                                 writer: UnsafeMutablePointer<readstat_writer_t>, row: Int,
                                 nextReference: inout Int32, sink: FileSink) throws {
        let status: readstat_error_t
        switch storage {
        case let .whole(type, _):
            switch cell {
            case .systemMissing:
                status = readstat_insert_missing_value(writer, variable)
            case let .missing(code):
                status = try insertMissing(code, columnIndex: columnIndex, variable: variable, writer: writer, row: row)
            case let .number(value) where !value.isNaN:
                // The type was chosen from this very data (the spool's measurement), so it fits.
                switch type {
                case .byte: status = readstat_insert_int8_value(writer, variable, Int8(value))
                case .int: status = readstat_insert_int16_value(writer, variable, Int16(value))
                case .long: status = readstat_insert_int32_value(writer, variable, Int32(value))
                }
            case .number:
                status = readstat_insert_missing_value(writer, variable)
            default:
                throw ExportError.badCell(row: row, variable: layout.columns[columnIndex].variable.name,
                                          problem: Self.mismatch(cell, storage: storage))
            }
        case .numeric, .date, .dateTime:
            // Numbers, dates and date-times are all doubles in the file; they differ only in
            // the cell kind they take and how it is counted.
            switch cell {
            case .systemMissing:
                status = readstat_insert_missing_value(writer, variable)
            case let .missing(code):
                status = try insertMissing(code, columnIndex: columnIndex, variable: variable, writer: writer, row: row)
            default:
                guard let value = storedDouble(cell, storage: storage) else {
                    throw ExportError.badCell(row: row, variable: layout.columns[columnIndex].variable.name,
                                              problem: Self.mismatch(cell, storage: storage))
                }
                status = value.isNaN ? readstat_insert_missing_value(writer, variable)
                    : readstat_insert_double_value(writer, variable, value)
            }
        case .string:
            if let text = try textValue(cell, columnIndex: columnIndex, limit: textLimit, row: row, count: true) {
                status = readstat_insert_string_value(writer, variable, text)
            } else {
                status = readstat_insert_missing_value(writer, variable)
            }
        case .stringReference:
            if let text = try textValue(cell, columnIndex: columnIndex, limit: textLimit, row: row, count: true), !text.isEmpty {
                guard let reference = readstat_get_string_ref(writer, nextReference) else {
                    throw ExportError.rowCountChanged(counted: rowCount, produced: row)
                }
                nextReference += 1
                status = readstat_insert_string_ref(writer, variable, reference)
            } else {
                // ReadStat zeroes each row; a zero strL reference is Stata's empty string.
                status = READSTAT_OK
            }
        }
        if status != READSTAT_OK {
            try check(status, "writing a value", sink, row: row, variable: layout.columns[columnIndex].variable.name)
        }
    }

    /// Don't know/refused in a numeric or date column: the code itself in .sav (declared
    /// user-missing), the code's tagged missing value in .dta.
    private func insertMissing(_ code: Double, columnIndex: Int, variable: UnsafeMutablePointer<readstat_variable_t>,
                               writer: UnsafeMutablePointer<readstat_writer_t>, row: Int) throws -> readstat_error_t {
        let column = layout.columns[columnIndex]
        guard let declared = column.missing.first(where: { $0.code == code }) else {
            throw undeclaredMissing(code, column: column, row: row)
        }
        if layout.format == .sav {
            return readstat_insert_double_value(writer, variable, code)
        }
        let tag = CChar(declared.stataTag.asciiValue ?? UInt8(ascii: "a"))
        return readstat_insert_tagged_missing_value(writer, variable, tag)
    }

    private func undeclaredMissing(_ code: Double, column: StatFileLayout.Column, row: Int) -> ExportError {
        let declared = column.variable.missing.map { DecimalText.shortest($0.code) }.joined(separator: ", ")
        return .badCell(row: row, variable: column.variable.name,
                        problem: "missing code \(DecimalText.shortest(code)) is not declared for this variable (declared: \(declared.isEmpty ? "none" : declared)); declare it or write system-missing")
    }

    private func check(_ status: readstat_error_t, _ operation: String, _ sink: FileSink,
                       row: Int? = nil, variable: String? = nil) throws {
        guard status != READSTAT_OK else { return }
        var message = String(cString: readstat_error_message(status))
        if let failure = sink.failure { message += " (\(failure))" }
        var place = operation
        if let row { place += " at row \(row)" }
        if let variable { place += ", variable \(variable)" }
        throw ExportError.readStat(operation: place, message: message)
    }
}

/// ReadStat's byte callback: `context` is the `FileSink` passed to `begin_writing`.
private func fileSinkCallback(_ data: UnsafeRawPointer?, _ length: Int, _ context: UnsafeMutableRawPointer?) -> Int {
    guard let context else { return -1 }
    let sink = Unmanaged<FileSink>.fromOpaque(context).takeUnretainedValue()
    guard length > 0 else { return 0 }
    guard let data else { return -1 }
    return sink.append(UnsafeRawBufferPointer(start: data, count: length)) ? length : -1
}
