extension JSONParser {
    /// What is at `offset`, for "found …" in messages: a quoted word or character, a named control
    /// character, an invalid UTF-8 byte, or "end of input".
    func describe(at offset: Int) -> String {
        guard offset < bytes.count else { return "end of input" }
        let byte = bytes[offset]
        if ASCII.isWordByte(byte) {
            var end = offset
            while end < bytes.count, ASCII.isWordByte(bytes[end]), end - offset < 24 { end += 1 }
            return "'\(text(from: offset, to: end))'"
        }
        return describeCharacter(at: offset)
    }

    /// The single character at `offset`, described as in `describe(at:)`.
    func describeCharacter(at offset: Int) -> String {
        guard offset < bytes.count else { return "end of input" }
        let byte = bytes[offset]
        switch byte {
        case 0x20...0x7E:
            return "'\(Character(Unicode.Scalar(byte)))'"
        case 0x00..<0x20, 0x7F:
            return "control character \(scalarName(UInt32(byte)))"
        default:
            switch utf8Check(at: offset) {
            case .valid(let length):
                let scalar = text(from: offset, to: offset + length).unicodeScalars.first ?? "\u{FFFD}"
                return "'\(scalar)' (\(scalarName(scalar.value)))"
            case .invalid:
                return "invalid UTF-8 byte 0x\(hex2(byte))"
            }
        }
    }

    /// The character after a backslash, raw, for "invalid escape '\x'".
    func describeRaw(at offset: Int) -> String {
        guard offset < bytes.count else { return "" }
        if bytes[offset] >= 0x20 && bytes[offset] < 0x7F { return String(Character(Unicode.Scalar(bytes[offset]))) }
        return describeCharacter(at: offset)
    }

    /// Explains a byte that cannot start a value, with advice for the usual mistakes.
    func unexpectedValueStart(at offset: Int) -> JSONSyntaxError {
        let expected = "expected a value (object, array, string, number, true, false or null)"
        let found = describe(at: offset)
        guard offset < bytes.count else { return error(at: offset, "\(expected), found end of input") }
        let byte = bytes[offset]
        var hint = ""
        switch byte {
        case ASCII.closeBracket, ASCII.closeBrace:
            hint = ""
        case ASCII.apostrophe:
            hint = ": JSON strings use double quotes"
        case ASCII.slash:
            hint = ": comments are not allowed in JSON"
        case ASCII.plus:
            hint = ": JSON numbers cannot start with '+'"
        case ASCII.dot:
            hint = ": JSON numbers need a digit before the decimal point"
        case 0xE2 where offset + 2 < bytes.count && bytes[offset + 1] == 0x80 && (0x98...0x9D).contains(bytes[offset + 2]):
            hint = ": use straight double quotes (\"), not typographic quotes"
        default:
            if ASCII.isWordByte(byte) {
                let word = String(found.dropFirst().dropLast())
                switch word {
                case "True", "TRUE", "False", "FALSE", "Null", "NULL", "None", "nil":
                    hint = ": JSON literals are lowercase true, false and null"
                case "NaN", "Infinity", "inf":
                    hint = ": NaN and Infinity are not JSON numbers"
                case "undefined":
                    hint = ": use null"
                default:
                    if ["true", "false", "null"].contains(where: { $0.hasPrefix(word) && $0 != word }) {
                        hint = ": the literal is incomplete"
                    } else {
                        hint = ": text values must be in double quotes"
                    }
                }
            }
        }
        return error(at: offset, "\(expected), found \(found)\(hint)")
    }

    /// When a value follows a value with no comma between them, say so.
    func missingCommaHint(at offset: Int) -> String {
        guard offset < bytes.count else { return "" }
        switch bytes[offset] {
        case ASCII.quote, ASCII.openBrace, ASCII.openBracket, ASCII.minus, ASCII.zero...ASCII.nine,
             UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            return ": is a ',' missing?"
        default:
            return ""
        }
    }

    /// "line:column" of a byte, for messages that mention a second place.
    func position(of offset: Int) -> String {
        let location = locationFromStart(of: offset)
        return "\(location.line):\(location.column)"
    }

    func scalarName(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    func hex2(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }

    func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
