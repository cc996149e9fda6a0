import FieldworkBasics
import FieldworkScreen

/// Text the commands print that quotes questionnaires, scenarios and file names: made inert for
/// the terminal where it is printed (diagnostics keep the text as it is, for JSON and editors).
/// Line breaks and tabs (which the commands use for layout, and which only move the cursor to the
/// next line or tab stop) are kept; every other control character is shown as `TerminalSafe`
/// shows it on the interview screen (ESC as `^[`).
enum TerminalText {
    static func safe(_ text: String) -> String {
        text.split(separator: "\t", omittingEmptySubsequences: false)
            .map { TerminalSafe.lines($0).joined(separator: "\n") }
            .joined(separator: "\t")
    }

    /// Prints `text` made safe, as `print` would.
    static func print(_ text: String) {
        Swift.print(safe(text))
    }
}
