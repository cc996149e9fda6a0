/// Makes text from respondents, interviewers and sample files safe to open in a spreadsheet
/// before it becomes a CSV cell.
///
/// * **Controls become visible.** C0 controls other than tab, line feed and carriage return, DEL,
///   C1 controls (U+0080–U+009F), bidi embeddings/overrides/isolates (U+202A–U+202E,
///   U+2066–U+2069) and the line/paragraph separators U+2028/U+2029 are written as `<U+XXXX>`
///   (four upper-case hex digits), so `ESC[2J` reads `<U+001B>[2J`. Tab, LF and CR stay: they are
///   text, and RFC 4180 carries them inside a quoted field.
/// * **Formulas stay text** (OWASP's CSV-injection advice): text starting with `=`, `+`, `-`, `@`,
///   tab or carriage return gets a single quote `'` in front, so Excel, LibreOffice and Google
///   Sheets show it instead of running it. Text that is a plain number (`-1`, `+44`, `-0.5`,
///   `1e3`: an optional sign, digits with an optional fraction, an optional exponent) is left alone,
///   and numeric columns never come here. `formulaEscaping: false` (`--no-formula-escaping`) turns
///   this part off; the control escapes always apply.
public struct CSVTextEscaping: Sendable, Equatable {
    public var formulaEscaping: Bool

    public init(formulaEscaping: Bool = true) {
        self.formulaEscaping = formulaEscaping
    }

    /// The default: both escapes.
    public static let standard = CSVTextEscaping()

    /// The cell text for `value` (before CSV quoting).
    public func text(_ value: String) -> String {
        let visible = Self.visibleControls(value)
        guard formulaEscaping, Self.startsLikeFormula(visible), !Self.isPlainNumber(visible) else { return visible }
        return "'" + visible
    }

    /// Whether the scalar is written as `<U+XXXX>` rather than as it is.
    public static func isEscaped(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return true
        default: return false
        }
    }

    static func visibleControls(_ value: String) -> String {
        guard value.unicodeScalars.contains(where: isEscaped) else { return value }
        var output = String.UnicodeScalarView()
        for scalar in value.unicodeScalars {
            if isEscaped(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                output.append(contentsOf: ("<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">").unicodeScalars)
            } else {
                output.append(scalar)
            }
        }
        return String(output)
    }

    static func startsLikeFormula(_ value: String) -> Bool {
        guard let first = value.utf8.first else { return false }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: return true
        default: return false
        }
    }

    /// An optional sign, digits with an optional fraction (or a fraction alone), an optional exponent.
    static func isPlainNumber(_ value: String) -> Bool {
        var bytes = value.utf8[...]
        if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        func digits() -> Int {
            let count = bytes.prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }.count
            bytes = bytes.dropFirst(count)
            return count
        }
        var mantissa = digits()
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return false }
        }
        return bytes.isEmpty
    }
}
