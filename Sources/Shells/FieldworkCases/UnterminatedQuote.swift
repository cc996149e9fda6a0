/// Finds a quoted CSV cell that is never closed. A CSV reader takes everything after such a quote
/// as one cell, so the rows that follow look like column-count problems; the line where the cell
/// opened is what a person needs to fix.
enum UnterminatedQuote {
    /// The 1-based line where the unterminated quoted cell starts, or nil when every quote closes.
    /// A quote opens a quoted cell only at the start of a cell (RFC 4180); inside one, `""` is a
    /// quote character. Lines end at LF, CR LF or a lone CR, as `SampleImporter` counts them.
    static func startLine(in text: String) -> Int? {
        let bytes = Array(text.utf8)
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        var line = 1
        var atCellStart = true
        var openedOn: Int?
        var index = 0
        func endsLine(_ i: Int) -> Bool {
            bytes[i] == lf || (bytes[i] == cr && (i + 1 == bytes.count || bytes[i + 1] != lf))
        }
        while index < bytes.count {
            let byte = bytes[index]
            defer { index += 1 }
            if endsLine(index) { line += 1 }
            if openedOn != nil {
                guard byte == quote else { continue }
                if index + 1 < bytes.count, bytes[index + 1] == quote {
                    index += 1
                } else {
                    openedOn = nil
                }
                continue
            }
            if byte == quote, atCellStart {
                openedOn = line
                atCellStart = false
            } else {
                atCellStart = byte == comma || byte == lf || byte == cr
            }
        }
        return openedOn
    }
}
