/// A JSON number kept as written, so that nothing is lost to rounding or overflow: the checker can
/// ask for an exact `Int`, fall back to a `Double`, or quote the original text in a message.
public struct JSONNumber: Sendable, Hashable {
    /// The number exactly as it appears in the source, e.g. `-12.50e3`.
    public var text: String
    /// The value when it is a whole number that fits in `Int`, however it is spelt (`3`, `3.0` and
    /// `0.3e1` all give 3); `nil` for fractions and for integers too large for `Int`.
    public var intValue: Int?
    /// The nearest `Double`; `±infinity` when the magnitude is too large to represent.
    public var doubleValue: Double

    public init(text: String, intValue: Int?, doubleValue: Double) {
        self.text = text
        self.intValue = intValue
        self.doubleValue = doubleValue
    }

    /// Builds a number from text already known to follow the JSON number grammar.
    init(validatedText text: String) {
        let exact = JSONNumber.exactInteger(of: Array(text.utf8))
        self.text = text
        self.intValue = exact
        if let exact, exact.magnitude <= 1 << 53 {
            self.doubleValue = Double(exact)
        } else {
            self.doubleValue = Double(text) ?? .nan
        }
    }

    /// The exact integer value of a JSON number's text, if it is whole and fits in `Int`.
    /// Works on decimal digits rather than through `Double`, so 9007199254740993 stays exact and
    /// 1e999999 is refused without computing anything large.
    static func exactInteger(of text: [UInt8]) -> Int? {
        var index = 0
        let negative = text.first == UInt8(ascii: "-")
        if negative { index += 1 }
        var digits: [UInt8] = []
        var fractionDigitCount = 0
        var seenPoint = false
        while index < text.count {
            let byte = text[index]
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits.append(byte &- UInt8(ascii: "0"))
                if seenPoint { fractionDigitCount += 1 }
            } else if byte == UInt8(ascii: ".") {
                seenPoint = true
            } else {
                break
            }
            index += 1
        }
        var exponent = 0
        if index < text.count {  // 'e' or 'E'
            index += 1
            var exponentNegative = false
            if index < text.count, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
                exponentNegative = text[index] == UInt8(ascii: "-")
                index += 1
            }
            while index < text.count {
                // Saturate: anything beyond a few hundred cannot yield an Int anyway.
                if exponent < 1_000_000 { exponent = exponent * 10 + Int(text[index] &- UInt8(ascii: "0")) }
                index += 1
            }
            if exponentNegative { exponent = -exponent }
        }
        var scale = exponent - fractionDigitCount
        guard let firstSignificant = digits.firstIndex(where: { $0 != 0 }) else { return 0 }
        var lastSignificant = digits.count - 1
        while digits[lastSignificant] == 0 {
            lastSignificant -= 1
            scale += 1
        }
        guard scale >= 0 else { return nil }  // a fractional part remains
        guard lastSignificant - firstSignificant + 1 + scale <= 19 else { return nil }
        // Accumulate towards the sign so that Int.min is representable.
        let sign = negative ? -1 : 1
        var result = 0
        for position in firstSignificant...lastSignificant {
            let (shifted, overflowA) = result.multipliedReportingOverflow(by: 10)
            let (added, overflowB) = shifted.addingReportingOverflow(sign * Int(digits[position]))
            if overflowA || overflowB { return nil }
            result = added
        }
        for _ in 0..<scale {
            let (shifted, overflow) = result.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            result = shifted
        }
        return result
    }
}
