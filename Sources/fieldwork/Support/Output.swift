import Foundation

/// Where the commands' messages reach a terminal: every line written to standard error goes
/// through `error`, which makes it inert there (`TerminalText.safe`: ESC shows as `^[`, line breaks
/// and tabs are kept). Error types (the case store's `CaseStoreError`, `SampleProblem`,
/// `PreloadMappingError`, `CaseClock`'s bad-`FIELDWORK_NOW` error, the commands' `CommandFailure`) carry the raw text they
/// quote (case ids, interviewer names, sample values), so the same error can go to JSON or a log
/// unchanged; escaping happens here, once, where it is printed.
enum Output {
    /// Writes `line` and a line break to standard error, made safe for the terminal.
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((TerminalText.safe(line) + "\n").utf8))
    }

    /// Prints `line` to standard output, made safe for the terminal (`TerminalText.print`).
    static func line(_ line: String) {
        TerminalText.print(line)
    }

    /// Prints encoded JSON (and a line break) to standard output, escaped for the terminal as JSON
    /// (`TerminalText.json`), so a reader gets the same values back.
    static func printJSON(_ data: Data) {
        Swift.print(TerminalText.json(String(decoding: data, as: UTF8.self)))
    }

    /// `value` as pretty-printed JSON, safe to print on a terminal (`TerminalText.json`).
    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value), let s = String(data: data, encoding: .utf8) else { return "{}" }
        return TerminalText.json(s)
    }
}
