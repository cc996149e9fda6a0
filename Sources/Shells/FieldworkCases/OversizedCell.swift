/// Finds the first CSV cell longer than a limit before the CSV library reads the file, so a cell of
/// gigabytes is refused by its position instead of being built in memory (`InputLimits.sampleCellBytes`).
struct OversizedCell: Equatable {
    /// 1-based line where the cell starts, as `CSVTable` counts lines.
    var line: Int
    /// 1-based column (cell number in its row).
    var column: Int

    /// The first cell whose content (enclosing quotes not counted, `""` inside quotes counted as
    /// one byte) is longer than `limit` bytes, or nil. Quoting follows RFC 4180 as
    /// `UnterminatedQuote` does: a quote opens a quoted cell only at the start of a cell; lines end
    /// at LF, CR LF or a lone CR. An unterminated quoted cell is measured to the end of the text.
    static func find(in text: String, limit: Int) -> OversizedCell? {
        if text.utf8.count <= limit { return nil }  // no cell can be longer than the whole text
        var copy = text
        return copy.withUTF8 { find(in: $0, limit: limit) }
    }

    static func find(in bytes: UnsafeBufferPointer<UInt8>, limit: Int) -> OversizedCell? {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        var line = 1, column = 1
        var cellLine = 1, cellLength = 0
        var atCellStart = true, inQuotes = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if inQuotes {
                if byte == quote {
                    if index < bytes.count, bytes[index] == quote {
                        index += 1
                        cellLength += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    if byte == lf || (byte == cr && (index == bytes.count || bytes[index] != lf)) { line += 1 }
                    cellLength += 1
                }
            } else if byte == comma {
                column += 1
                atCellStart = true
                cellLength = 0
                cellLine = line
                continue
            } else if byte == lf || byte == cr {
                // The CR of a CR LF pair is skipped; the LF ends the line.
                if byte == cr, index < bytes.count, bytes[index] == lf { continue }
                line += 1
                column = 1
                atCellStart = true
                cellLength = 0
                cellLine = line
                continue
            } else if byte == quote, atCellStart {
                inQuotes = true
            } else {
                cellLength += 1
            }
            atCellStart = false
            if cellLength > limit { return OversizedCell(line: cellLine, column: column) }
        }
        return nil
    }
}
