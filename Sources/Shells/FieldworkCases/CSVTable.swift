import CSV
import FieldworkBasics
import Foundation

/// A CSV file read into its header and rows, each row with the line it starts on: the one reader
/// behind the sample import and the preload import, so both accept the same files (UTF-8 with or
/// without a byte-order mark, quoted cells spanning lines) and report the same lines.
struct CSVTable {
    /// The header's column names, trimmed of spaces.
    var header: [String]
    /// Every row except blank lines, with the 1-based line it starts on (the header is line 1).
    var rows: [(line: Int, cells: [String])]
    /// The line where reading stopped early, when the file could not be read to its end.
    var unreadableFromLine: Int?

    /// The file's text, refused when it cannot be read or is not UTF-8.
    static func text(contentsOf url: URL, source: String) throws(SampleImportError) -> String {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SampleImportError(source: source, problems: [
                SampleProblem(line: 0, kind: .unreadableFile, reason: "cannot read the file (\(error.localizedDescription)); check the path"),
            ])
        }
        let bytes = [UInt8](data)
        // The standard library's validation first (fast even in debug builds); the position of a
        // bad byte is looked for only when there is one.
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        if let bad = InvalidUTF8Position.find(in: bytes) {
            let hex = String(bad.byte, radix: 16, uppercase: true)
            throw SampleImportError(source: source, problems: [
                SampleProblem(line: bad.line, kind: .unreadableFile,
                              reason: "byte column \(bad.byteColumn): byte 0x\(hex) is not UTF-8 text; save the file as CSV UTF-8"),
            ])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads `text`; `keyColumn` names the column the empty-file message asks for. A cell longer
    /// than `maximumCellBytes` refuses the whole file, before the CSV library builds it.
    static func read(csv text: String, source: String, keyColumn: String,
                     maximumCellBytes: Int = InputLimits.sampleCellBytes) throws(SampleImportError) -> CSVTable {
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        if let cell = OversizedCell.find(in: body, limit: maximumCellBytes) {
            throw SampleImportError(source: source, problems: [
                SampleProblem(line: cell.line, kind: .cellTooLarge,
                              reason: "the cell in column \(cell.column) is longer than \(InputLimits.describe(bytes: maximumCellBytes)) (\(InputLimits.grouped(maximumCellBytes)) bytes, the limit for one cell); shorten it or leave such text out of the sample; nothing was imported"),
            ])
        }
        if let line = UnterminatedQuote.startLine(in: body) {
            throw SampleImportError(source: source, problems: [
                SampleProblem(line: line, kind: .unreadableFile,
                              reason: "unterminated quoted cell starting at line \(line); close the quote (a quote inside a quoted cell is written \"\")"),
            ])
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: body, hasHeaderRow: false)
        } catch {
            throw SampleImportError(source: source, problems: [
                SampleProblem(line: 1, kind: .unreadableFile, reason: "cannot read the CSV header row"),
            ])
        }
        guard let rawHeader = reader.next(), rawHeader != [""] else {
            throw SampleImportError(source: source, problems: [
                SampleProblem(line: 1, kind: .missingColumn, reason: "the file is empty; the first line must be a header with a '\(keyColumn)' column"),
            ])
        }
        var line = 1 + lineBreaks(in: rawHeader) + 1
        var rows: [(line: Int, cells: [String])] = []
        while let row = reader.next() {
            let rowLine = line
            line += 1 + lineBreaks(in: row)
            if row.count == 1, row[0].trimmingCharacters(in: .whitespaces).isEmpty { continue }  // blank line
            rows.append((rowLine, row))
        }
        return CSVTable(header: rawHeader.map { $0.trimmingCharacters(in: .whitespaces) }, rows: rows,
                        unreadableFromLine: reader.error == nil ? nil : line)
    }

    /// Line breaks inside quoted fields, so row line numbers stay right after multi-line cells.
    static func lineBreaks(in row: [String]) -> Int {
        var count = 0
        for field in row {
            var previousWasCR = false
            for unit in field.utf8 {
                if unit == 0x0A {
                    if !previousWasCR { count += 1 }
                    previousWasCR = false
                } else if unit == 0x0D {
                    count += 1
                    previousWasCR = true
                } else {
                    previousWasCR = false
                }
            }
        }
        return count
    }
}
