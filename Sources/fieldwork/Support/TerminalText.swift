import FieldworkBasics
import FieldworkScreen

/// Text the commands print that quotes questionnaires, scenarios, samples and file names: made
/// inert for the terminal where it is printed (diagnostics keep the text as it is, for JSON and
/// editors). Line breaks and tabs (which the commands use for layout, and which only move the
/// cursor to the next line or tab stop) are kept; every other control character is shown as
/// `TerminalSafe` shows it on the interview screen (ESC as `^[`).
enum TerminalText {
    static func safe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !isLayout($0) && !TerminalSafe.isSafe($0) }) else { return text }
        return text.split(separator: "\t", omittingEmptySubsequences: false)
            .map { TerminalSafe.lines($0).joined(separator: "\n") }
            .joined(separator: "\t")
    }

    /// JSON text made inert for the terminal while staying the same JSON: a JSON encoder escapes
    /// C0 controls inside strings already, but writes C1 controls (U+0080–U+009F, where U+009B is a
    /// one-character CSI), bidi overrides and line separators as they are. Each of those becomes
    /// a `\uXXXX` escape, which a JSON reader turns back into the same character. Line breaks and
    /// tabs outside strings are the encoder's layout and are kept.
    static func json(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !isLayout($0) && !TerminalSafe.isSafe($0) }) else { return text }
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isLayout(scalar) || TerminalSafe.isSafe(scalar) {
                output.append(scalar)
            } else {
                let hex = String(scalar.value, radix: 16)
                output.append(contentsOf: ("\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex).unicodeScalars)
            }
        }
        return String(output)
    }

    /// Prints `text` made safe, as `print` would.
    static func print(_ text: String) {
        Swift.print(safe(text))
    }

    private static func isLayout(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\t"
    }
}

/// Every unqualified `print` in the `fieldwork` command resolves to this one rather than the
/// standard library's: whatever a command prints to standard output (reports, case listings,
/// documents, summaries quoting file names or case ids) is made inert for the terminal
/// (`TerminalText.safe`). JSON output is escaped as JSON before it gets here (`Output.json`,
/// `CasesOutput.json`, `TerminalText.json`), so this changes nothing in it.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    let text = items.map { String(describing: $0) }.joined(separator: separator)
    Swift.print(TerminalText.safe(text), terminator: TerminalText.safe(terminator))
}
