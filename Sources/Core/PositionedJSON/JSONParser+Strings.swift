import FieldworkDiagnostics

extension JSONParser {
    /// Reads a string starting at the opening quote at `index`, validating UTF-8 and escapes and
    /// recording where escapes were so locations inside the string can be recovered later.
    mutating func parseString() throws(JSONSyntaxError) -> JSONString {
        let quote = index
        let contentLocation = location(at: quote).advanced(byColumns: 1)
        var cursor = quote + 1
        var segmentStart = cursor
        var decoded: [UInt8]? = nil
        var escapes: [JSONString.Escape] = []
        var scalarCount = 0
        // Source columns covered by escapes beyond the one scalar each produces.
        var extraEscapeColumns = 0

        while true {
            guard cursor < bytes.count else {
                throw error(at: cursor, "unterminated string starting at \(position(of: quote)): found end of input before the closing '\"'")
            }
            let byte = bytes[cursor]
            if byte == ASCII.quote { break }
            if byte == ASCII.backslash {
                if decoded == nil { decoded = [] }
                decoded!.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segmentStart..<cursor]))
                let (scalar, length) = try parseEscape(at: cursor)
                decoded!.append(contentsOf: scalar.utf8)
                escapes.append(JSONString.Escape(scalarIndex: scalarCount, sourceLength: length))
                extraEscapeColumns += length - 1
                scalarCount += 1
                cursor += length
                segmentStart = cursor
            } else if byte < 0x20 {
                if byte == ASCII.lineFeed || byte == ASCII.carriageReturn {
                    throw error(at: cursor, "unterminated string starting at \(position(of: quote)): found a line break before the closing '\"' (write \\n for a line break inside text)")
                }
                throw error(at: cursor, "unescaped control character \(scalarName(UInt32(byte))) in string: write it as \(escapeSuggestion(for: byte))")
            } else if byte < 0x80 {
                cursor += 1
                scalarCount += 1
            } else {
                cursor += try validatedUTF8Length(at: cursor)
                scalarCount += 1
            }
        }

        let value: String
        if var decoded {
            decoded.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[segmentStart..<cursor]))
            value = String(decoding: decoded, as: UTF8.self)
        } else {
            value = String(decoding: UnsafeBufferPointer(rebasing: bytes[segmentStart..<cursor]), as: UTF8.self)
        }
        index = cursor + 1
        // The string lies on one line, so the column after it is known without rescanning it.
        columnCacheOffset = index
        columnCacheColumn = contentLocation.column + scalarCount + extraEscapeColumns + 1
        return JSONString(value: value, contentStart: contentLocation, escapes: escapes)
    }

    /// Decodes the escape at the backslash at `start`: the scalar and the number of source bytes.
    private func parseEscape(at start: Int) throws(JSONSyntaxError) -> (Unicode.Scalar, Int) {
        guard start + 1 < bytes.count else {
            throw error(at: start + 1, "expected an escape character after '\\', found end of input")
        }
        switch bytes[start + 1] {
        case ASCII.quote: return ("\"", 2)
        case ASCII.backslash: return ("\\", 2)
        case ASCII.slash: return ("/", 2)
        case UInt8(ascii: "b"): return ("\u{08}", 2)
        case UInt8(ascii: "f"): return ("\u{0C}", 2)
        case UInt8(ascii: "n"): return ("\n", 2)
        case UInt8(ascii: "r"): return ("\r", 2)
        case UInt8(ascii: "t"): return ("\t", 2)
        case UInt8(ascii: "u"):
            let unit = try hexQuad(at: start + 2, escapeAt: start)
            switch unit {
            case 0xD800...0xDBFF:
                guard start + 7 < bytes.count, bytes[start + 6] == ASCII.backslash, bytes[start + 7] == UInt8(ascii: "u") else {
                    throw error(at: start, "lone surrogate \\u\(hex4(unit)): a high surrogate must be followed by a low surrogate \\uDC00–\\uDFFF")
                }
                let low = try hexQuad(at: start + 8, escapeAt: start + 6)
                guard (0xDC00...0xDFFF).contains(low) else {
                    throw error(at: start, "lone surrogate \\u\(hex4(unit)): expected a low surrogate \\uDC00–\\uDFFF next, found \\u\(hex4(low))")
                }
                let combined = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                // Always valid: the combination of two surrogates lies in U+10000…U+10FFFF.
                return (Unicode.Scalar(combined) ?? "\u{FFFD}", 12)
            case 0xDC00...0xDFFF:
                throw error(at: start, "lone surrogate \\u\(hex4(unit)): a low surrogate must follow a high surrogate \\uD800–\\uDBFF")
            default:
                return (Unicode.Scalar(unit) ?? "\u{FFFD}", 6)
            }
        default:
            throw error(at: start, "invalid escape '\\\(describeRaw(at: start + 1))' in string: valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX")
        }
    }

    /// Reads the four hex digits of a `\u` escape whose backslash is at `escapeAt`.
    private func hexQuad(at start: Int, escapeAt: Int) throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for position in start..<(start + 4) {
            guard position < bytes.count, let digit = ASCII.hexValue(bytes[position]) else {
                throw error(at: position, "expected 4 hex digits after '\\u', found \(describe(at: position))")
            }
            value = value << 4 | digit
        }
        return value
    }

    /// The length of the well-formed UTF-8 sequence at `start`, or an error at the first byte that
    /// breaks it (overlong forms, encoded surrogates and values past U+10FFFF included).
    func validatedUTF8Length(at start: Int) throws(JSONSyntaxError) -> Int {
        switch utf8Check(at: start) {
        case .valid(let length):
            return length
        case .invalid(let offset):
            if offset >= bytes.count {
                throw error(at: start, "incomplete UTF-8 sequence at end of input: save the file as UTF-8")
            }
            throw error(at: offset, "invalid UTF-8 byte 0x\(hex2(bytes[offset])): save the file as UTF-8")
        }
    }

    enum UTF8Check {
        case valid(length: Int)
        case invalid(offset: Int)
    }

    func utf8Check(at start: Int) -> UTF8Check {
        let lead = bytes[start]
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch lead {
        case 0x00...0x7F: return .valid(length: 1)
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondRange = 0x80...0x9F
        case 0xF0: length = 4; secondRange = 0x90...0xBF
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondRange = 0x80...0x8F
        default: return .invalid(offset: start)
        }
        for position in (start + 1)..<(start + length) {
            guard position < bytes.count else { return .invalid(offset: position) }
            let range = position == start + 1 ? secondRange : 0x80...0xBF
            guard range.contains(bytes[position]) else { return .invalid(offset: position) }
        }
        return .valid(length: length)
    }

    /// How to write a control character inside a string.
    private func escapeSuggestion(for byte: UInt8) -> String {
        switch byte {
        case ASCII.tab: return "\\t"
        case 0x08: return "\\b"
        case 0x0C: return "\\f"
        default: return "\\u00\(hex2(byte))"
        }
    }
}
