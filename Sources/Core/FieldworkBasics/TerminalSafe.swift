/// Makes text from sample files, questionnaires and respondents inert before it reaches a terminal.
///
/// A company name containing `ESC[2J` would clear the interviewer's screen, an OSC sequence could
/// retitle the window or write to the clipboard, a C1 CSI (U+009B) is a one-byte escape on some
/// terminals, and bidi overrides can make text read differently from what it is. Every control is
/// replaced by a visible, printable escape so the interviewer sees that something odd is in the
/// data instead of the terminal acting on it:
/// - C0 controls and DEL in caret notation: ESC → `^[`, BEL → `^G`, DEL → `^?`, TAB → `^I`;
/// - C1 controls, bidi embeddings/overrides/isolates and line/paragraph separators as `\u{XXXX}`.
public enum TerminalSafe {
    /// The text with every unsafe scalar replaced by a visible escape. Safe text is returned as is.
    public static func text<S: StringProtocol>(_ input: S) -> String {
        guard input.unicodeScalars.contains(where: { !isSafe($0) }) else { return String(input) }
        var output = String.UnicodeScalarView()
        for scalar in input.unicodeScalars {
            if isSafe(scalar) {
                output.append(scalar)
            } else {
                output.append(contentsOf: escape(scalar).unicodeScalars)
            }
        }
        return String(output)
    }

    /// Splits text at its line breaks (LF, CR, CRLF, U+2028, …) and makes each line safe, for callers
    /// that lay out multi-line text and want the breaks honoured rather than shown as `^J`.
    public static func lines<S: StringProtocol>(_ input: S) -> [String] {
        String(input)
            .split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
            .map { text($0) }
    }

    /// Whether the scalar can be sent to a terminal as is.
    public static func isSafe(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value >= 0x20 && value < 0x7F { return true }
        if value < 0x20 || (value >= 0x7F && value <= 0x9F) { return false }
        switch value {
        case 0x202A...0x202E, 0x2066...0x2069: return false  // bidi embeddings, overrides, isolates
        case 0x2028, 0x2029: return false                    // line and paragraph separators
        default: return true
        }
    }

    /// The visible replacement for one unsafe scalar.
    public static func escape(_ scalar: Unicode.Scalar) -> String {
        let value = scalar.value
        if value < 0x20 {
            // ^@ for NUL, ^A … ^Z, ^[ for ESC, ^\ ^] ^^ ^_
            return "^" + String(Character(Unicode.Scalar(UInt8(value + 0x40))))
        }
        if value == 0x7F { return "^?" }
        let hex = String(value, radix: 16, uppercase: true)
        return "\\u{" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "}"
    }
}
