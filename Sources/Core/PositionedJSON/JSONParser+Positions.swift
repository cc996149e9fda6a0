import FieldworkDiagnostics

extension JSONParser {
    /// The location of a byte on the current line. Columns count Unicode scalars, i.e. bytes that
    /// are not UTF-8 continuation bytes.
    mutating func location(at offset: Int) -> SourceLocation {
        if columnCacheLine != line || columnCacheOffset < lineStart {
            columnCacheLine = line
            columnCacheOffset = lineStart
            columnCacheColumn = 1
        }
        var column = columnCacheColumn
        var cursor = columnCacheOffset
        while cursor < offset {
            if bytes[cursor] & 0xC0 != 0x80 { column += 1 }
            cursor += 1
        }
        // A request behind the cache counts back rather than restarting the line, so even an
        // out-of-order request costs only the distance moved.
        while cursor > offset {
            cursor -= 1
            if bytes[cursor] & 0xC0 != 0x80 { column -= 1 }
        }
        columnCacheOffset = offset
        columnCacheColumn = column
        return SourceLocation(file: file, line: line, column: column, offset: offset)
    }

    /// The location of any byte, found by rescanning from the start of the input. Used only for
    /// errors, which may point back past line breaks (a trailing comma before a `]` lines later).
    func locationFromStart(of offset: Int) -> SourceLocation {
        var line = 1
        var lineStart = contentStart
        var cursor = contentStart
        let end = min(offset, bytes.count)
        while cursor < end {
            let byte = bytes[cursor]
            if byte == ASCII.lineFeed
                || (byte == ASCII.carriageReturn && (cursor + 1 >= bytes.count || bytes[cursor + 1] != ASCII.lineFeed)) {
                line += 1
                lineStart = cursor + 1
            }
            cursor += 1
        }
        var column = 1
        cursor = lineStart
        while cursor < end {
            if bytes[cursor] & 0xC0 != 0x80 { column += 1 }
            cursor += 1
        }
        // Past the end (end of input): one column per missing byte keeps the arithmetic honest.
        column += max(0, offset - bytes.count)
        return SourceLocation(file: file, line: line, column: column, offset: offset)
    }

    func error(at offset: Int, _ message: String) -> JSONSyntaxError {
        JSONSyntaxError(location: locationFromStart(of: offset), message: message)
    }
}
