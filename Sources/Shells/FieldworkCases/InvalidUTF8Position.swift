/// Where a byte sequence stops being UTF-8: the first byte of the first ill-formed sequence, as a
/// 1-based line and byte column, so a person can find it in an editor or a hex dump.
struct InvalidUTF8Position: Sendable, Hashable {
    var line: Int
    /// Bytes from the start of the line, 1-based (a byte-order mark counts on line 1).
    var byteColumn: Int
    var byte: UInt8

    /// Nil when every byte is well-formed UTF-8. Lines end at LF, at CR LF, or at a lone CR.
    static func find(in bytes: [UInt8]) -> InvalidUTF8Position? {
        var line = 1
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 {
                if lead == 0x0A || (lead == 0x0D && (index + 1 == bytes.count || bytes[index + 1] != 0x0A)) {
                    line += 1
                    lineStart = index + 1
                }
                index += 1
                continue
            }
            guard let length = sequenceLength(bytes, at: index) else {
                return InvalidUTF8Position(line: line, byteColumn: index - lineStart + 1, byte: lead)
            }
            index += length
        }
        return nil
    }

    /// The length of the well-formed sequence starting at `index` (lead byte ≥ 0x80), or nil.
    /// Ranges from the Unicode standard's table of well-formed UTF-8 byte sequences.
    private static func sequenceLength(_ bytes: [UInt8], at index: Int) -> Int? {
        let lead = bytes[index]
        let second: ClosedRange<UInt8>
        let length: Int
        switch lead {
        case 0xC2...0xDF: (length, second) = (2, 0x80...0xBF)
        case 0xE0: (length, second) = (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: (length, second) = (3, 0x80...0xBF)
        case 0xED: (length, second) = (3, 0x80...0x9F)
        case 0xF0: (length, second) = (4, 0x90...0xBF)
        case 0xF1...0xF3: (length, second) = (4, 0x80...0xBF)
        case 0xF4: (length, second) = (4, 0x80...0x8F)
        default: return nil
        }
        guard index + length <= bytes.count, second.contains(bytes[index + 1]) else { return nil }
        for offset in 2..<length where !(0x80...0xBF).contains(bytes[index + offset]) {
            return nil
        }
        return length
    }
}
