extension JSONParser {
    /// Reads a number per RFC 8259 (`-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`),
    /// keeping its text so huge values lose nothing.
    mutating func parseNumber() throws(JSONSyntaxError) -> JSONNumber {
        let start = index
        var cursor = index
        if bytes[cursor] == ASCII.minus { cursor += 1 }
        guard cursor < bytes.count, ASCII.isDigit(bytes[cursor]) else {
            throw error(at: cursor, "expected a digit after '-', found \(describe(at: cursor))")
        }
        if bytes[cursor] == ASCII.zero {
            cursor += 1
            if cursor < bytes.count, ASCII.isDigit(bytes[cursor]) {
                var end = cursor
                while end < bytes.count, ASCII.isDigit(bytes[end]) { end += 1 }
                let written = text(from: start, to: end)
                throw error(at: start, "leading zero in number '\(written)': JSON numbers cannot start with 0 unless the whole part is 0")
            }
        } else {
            while cursor < bytes.count, ASCII.isDigit(bytes[cursor]) { cursor += 1 }
        }
        let integerEnd = cursor
        if cursor < bytes.count, bytes[cursor] == ASCII.dot {
            cursor += 1
            guard cursor < bytes.count, ASCII.isDigit(bytes[cursor]) else {
                throw error(at: cursor, "expected a digit after '.' in number, found \(describe(at: cursor))")
            }
            while cursor < bytes.count, ASCII.isDigit(bytes[cursor]) { cursor += 1 }
        }
        if cursor < bytes.count, bytes[cursor] == ASCII.lowerE || bytes[cursor] == ASCII.upperE {
            cursor += 1
            if cursor < bytes.count, bytes[cursor] == ASCII.plus || bytes[cursor] == ASCII.minus { cursor += 1 }
            guard cursor < bytes.count, ASCII.isDigit(bytes[cursor]) else {
                throw error(at: cursor, "expected a digit in the exponent of a number, found \(describe(at: cursor))")
            }
            while cursor < bytes.count, ASCII.isDigit(bytes[cursor]) { cursor += 1 }
        }
        index = cursor
        let written = text(from: start, to: cursor)
        // Fast path for the common small integer: no decimal parsing beyond the digits themselves.
        if cursor == integerEnd, cursor - start <= 18 {
            var value = 0
            for position in start..<cursor where bytes[position] != ASCII.minus {
                value = value &* 10 &+ Int(bytes[position] &- ASCII.zero)
            }
            if bytes[start] == ASCII.minus { value = -value }
            return JSONNumber(text: written, intValue: value, doubleValue: Double(value))
        }
        return JSONNumber(validatedText: written)
    }

    func text(from start: Int, to end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }
}
