/// Makes untrusted text (sample fields, notes) safe to print on a terminal.
///
/// A sample file comes from outside the project; a field holding `ESC [ 2 J` or an OSC sequence could
/// clear the screen, retitle the window or fake output. Every control character is replaced with a
/// visible escape so the interviewer sees what is there and the terminal never acts on it.
public enum TerminalSafe {
    /// Returns `text` with C0 controls shown in caret notation (`ESC` → `^[`, newline → `^J`),
    /// DEL as `^?`, C1 controls and bidirectional overrides as `<U+XXXX>`.
    public static func text(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x00...0x1F:
                out.append("^")
                out.unicodeScalars.append(Unicode.Scalar(UInt8(value + 0x40)))
            case 0x7F:
                out.append("^?")
            case 0x80...0x9F, 0x202A...0x202E, 0x2066...0x2069:
                out.append("<U+\(hex4(value))>")
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
