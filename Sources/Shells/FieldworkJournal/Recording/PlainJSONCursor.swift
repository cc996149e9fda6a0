import Foundation

/// A forward-only reader for the compact JSON that `JSONEncoder` writes into journal records
/// (no whitespace), recognising only the plain cases: strings of printable ASCII without escapes,
/// integers and decimals without exponents, booleans, objects and arrays. Anything else makes a
/// read return nil, so callers fall back to the general JSON reader, which then decides (and
/// reports) exactly as before. It exists because exports decode millions of small records and the
/// general reader builds a positioned tree for each.
struct PlainJSONCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var index: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        index = 0
    }

    var atEnd: Bool { index == bytes.count }

    /// Consumes `byte` if it is next.
    mutating func consume(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// The offsets of a plain string's contents (quotes consumed), or nil when it is not plain.
    mutating func plainStringRange() -> Range<Int>? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return start..<(index - 1)
            }
            // Escapes, control characters and non-ASCII go to the general reader.
            guard byte >= 0x20, byte < 0x7F, byte != UInt8(ascii: "\\") else { return nil }
            index += 1
        }
        return nil
    }

    /// A plain string's bytes, for comparing with literal names in place (no `String` made).
    struct Name {
        let bytes: UnsafeBufferPointer<UInt8>

        static func ~= (pattern: StaticString, name: Name) -> Bool {
            let count = pattern.utf8CodeUnitCount
            guard count == name.bytes.count else { return false }
            guard count > 0, let base = name.bytes.baseAddress else { return true }
            return memcmp(base, pattern.utf8Start, count) == 0
        }

        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    mutating func plainName() -> Name? {
        guard let range = plainStringRange() else { return nil }
        return Name(bytes: UnsafeBufferPointer(rebasing: bytes[range]))
    }

    mutating func plainString() -> String? {
        guard let range = plainStringRange() else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// Consumes a run of decimal digits: their value (wrapping, so any number of digits may arrive
    /// and the callers refuse long runs rather than trap), how many there were, and whether the
    /// first was a zero.
    private mutating func digitRun() -> (value: Int, digits: Int, leadingZero: Bool) {
        let start = index
        var value = 0
        while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
            value = value &* 10 &+ Int(bytes[index] - 48)
            index += 1
        }
        return (value, index - start, index > start && bytes[start] == 48)
    }

    /// A JSON integer (`-?(0|[1-9][0-9]*)`, at most 18 digits) not followed by a fraction or exponent.
    mutating func integer() -> Int? {
        let start = index
        let negative = consume(UInt8(ascii: "-"))
        let (value, digits, leadingZero) = digitRun()
        guard digits > 0, digits <= 18, !(digits > 1 && leadingZero), !followsNumber() else {
            index = start
            return nil
        }
        return negative ? -value : value
    }

    /// A JSON number without exponent, as the nearest `Double`: the value the general reader gives
    /// (whole numbers of up to 15 digits exactly, decimals by correctly rounded conversion).
    mutating func number() -> Double? {
        let start = index
        let negative = consume(UInt8(ascii: "-"))
        let (whole, digits, leadingZero) = digitRun()
        guard digits > 0, digits <= 15, !(digits > 1 && leadingZero) else {
            index = start
            return nil
        }
        var isFraction = false
        if consume(UInt8(ascii: ".")) {
            let fractionStart = index
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
            guard index > fractionStart, index - fractionStart <= 15 else {
                index = start
                return nil
            }
            isFraction = true
        }
        guard !followsNumber() else {
            index = start
            return nil
        }
        guard isFraction else { return Double(negative ? -whole : whole) }
        return Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
    }

    /// Whether the byte after a run of digits would continue the number (fraction, exponent, digit).
    private func followsNumber() -> Bool {
        guard index < bytes.count else { return false }
        let byte = bytes[index]
        return byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") || (byte >= 48 && byte <= 57)
    }

    mutating func bool() -> Bool? {
        if matches("true") { return true }
        if matches("false") { return false }
        return nil
    }

    private mutating func matches(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { return false }
        let source = word.utf8Start
        for offset in 0..<count where bytes[index + offset] != source[offset] { return false }
        index += count
        return true
    }

    /// Reads an object, calling `member` with each key (the cursor then sits on the value, which
    /// `member` must consume). Returns false, leaving the cursor anywhere, when the object is not
    /// plain or `member` returns false.
    mutating func object(_ member: (Name, inout PlainJSONCursor) -> Bool) -> Bool {
        guard consume(UInt8(ascii: "{")) else { return false }
        if consume(UInt8(ascii: "}")) { return true }
        repeat {
            guard let key = plainName(), consume(UInt8(ascii: ":")), member(key, &self) else { return false }
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "}"))
    }

    /// Reads an array, calling `element` for each value (which it must consume).
    mutating func array(_ element: (inout PlainJSONCursor) -> Bool) -> Bool {
        guard consume(UInt8(ascii: "[")) else { return false }
        if consume(UInt8(ascii: "]")) { return true }
        repeat {
            guard element(&self) else { return false }
        } while consume(UInt8(ascii: ","))
        return consume(UInt8(ascii: "]"))
    }
}
