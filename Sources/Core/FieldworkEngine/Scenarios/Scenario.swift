import FieldworkBasics
import FieldworkChecker
import FieldworkDiagnostics
import FieldworkExpressions
import FieldworkModel

/// A replayable test of a questionnaire: answers to give and what must follow. Designers keep
/// scenarios beside the questionnaire as regression tests; the format is line-based so every
/// failure points at a line (docs/scenarios.md).
public struct Scenario: Sendable {
    public struct Step: Sendable {
        public var line: Int
        public var action: Action
        public var text: String
    }

    public enum Action: Sendable {
        case sample(field: String, value: String)
        /// A value from an earlier wave (`preload.name`), as `fieldwork cases preload` would load it.
        case preload(name: String, value: String)
        /// The interview's date, what `today()` reads (before the first answer).
        case today(Int)
        case answer(QuestionAddress, ScenarioValue)
        case dontKnow(QuestionAddress)
        case refused(QuestionAddress)
        /// Re-submit the last answer, confirming the soft checks it raised.
        case confirm
        case back
        case jump(QuestionAddress)
        case note(String)
        case complete
        case end(String)
        case expectCurrent(QuestionAddress)
        case expectAsked(String)
        case expectNeverAsked(String)
        case expectValue(name: String, pass: [String], value: String)
        case expectSoftCheck(String)
        case expectHardCheck(String)
        case expectRejected(String?)
        case expectComplete
        /// The route ends at an `end` item with this outcome, and closing the interview records it.
        case expectEnded(String)
        case expectOffPath(QuestionAddress)
    }

    public var file: String
    public var steps: [Step]
}

/// A value as written in a scenario, interpreted against the question it answers.
public struct ScenarioValue: Sendable, Hashable {
    public var raw: String
}

/// Reads scenario text. Problems come back as diagnostics with the scenario's line.
public enum ScenarioParser {
    /// A scenario longer than `InputLimits.scenarioLines` or `InputLimits.scenarioBytes`.
    public static let tooLongCode: DiagnosticCode = "FW502"

    /// Reads `text`. More than `maximumLines` lines (a last line without a newline counts) is
    /// refused with one FW502 diagnostic at the first line past the limit, and no steps.
    public static func parse(
        _ text: String, file: String, maximumLines: Int = InputLimits.scenarioLines
    ) -> (Scenario, [Diagnostic]) {
        var lineCount = 0
        var lastByte: UInt8 = 0x0A
        for byte in text.utf8 {
            if byte == 0x0A { lineCount += 1 }
            lastByte = byte
        }
        if lastByte != 0x0A { lineCount += 1 }
        if lineCount > maximumLines {
            let at = SourceLocation(file: file, line: maximumLines + 1, column: 1)
            return (Scenario(file: file, steps: []), [.error(tooLongCode, at: at,
                "the scenario has \(InputLimits.grouped(lineCount)) lines; a scenario file may have at most \(InputLimits.grouped(maximumLines)) lines (the limit); split it into several files and pass them all to fieldwork test")])
        }
        var steps: [Scenario.Step] = []
        var diagnostics: [Diagnostic] = []
        for (i, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = i + 1
            var content = String(rawLine)
            if content.hasSuffix("\r") { content.removeLast() }
            let trimmed = content.trimmingSpaces
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let at = SourceLocation(file: file, line: line, column: 1)
            func problem(_ message: String) { diagnostics.append(.error("FW400", at: at, message)) }
            let (verb, rest) = splitWord(trimmed)
            func address(_ s: String) -> QuestionAddress? {
                guard let a = ScenarioAddress.parse(s) else { problem("\"\(s)\" is not a question name such as q1 or victim_cost[burglary]"); return nil }
                return a
            }
            var action: Scenario.Action?
            switch verb {
            case "sample":
                let parts = rest.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces }
                if parts.count == 2 && !parts[0].isEmpty { action = .sample(field: parts[0], value: unquote(parts[1])) }
                else { problem("write: sample FIELD = VALUE") }
            case "preload":
                let parts = rest.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces }
                if parts.count == 2 && !parts[0].isEmpty { action = .preload(name: parts[0], value: unquote(parts[1])) }
                else { problem("write: preload NAME = VALUE, e.g. preload prev_crimes = 2") }
            case "today":
                if let date = CivilDate(parsing: rest) { action = .today(date.daysSinceEpoch) }
                else { problem("write: today YYYY-MM-DD, e.g. today 2026-12-01") }
            case "answer":
                let (q, value) = splitWord(rest)
                if q.isEmpty { problem("write: answer QUESTION VALUE") }
                else if let a = address(q) { action = .answer(a, ScenarioValue(raw: value)) }
            case "dk", "dontknow":
                if let a = address(rest) { action = .dontKnow(a) }
            case "refused", "ref":
                if let a = address(rest) { action = .refused(a) }
            case "confirm": action = .confirm
            case "back": action = .back
            case "jump":
                if let a = address(rest) { action = .jump(a) }
            case "note": action = .note(unquote(rest))
            case "complete": action = .complete
            case "end": action = .end(rest.isEmpty ? "breakoff" : rest)
            case "expect":
                let (what, arg) = splitWord(rest)
                switch what {
                case "current", "next":
                    if let a = address(arg) { action = .expectCurrent(a) }
                case "asked":
                    if arg.isEmpty { problem("write: expect asked QUESTION") } else { action = .expectAsked(arg) }
                case "never", "not-asked", "never-asked":
                    if arg.isEmpty { problem("write: expect never QUESTION") } else { action = .expectNeverAsked(arg) }
                case "value":
                    let parts = arg.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces }
                    if parts.count == 2, let a = ScenarioAddress.parseNamed(parts[0]) {
                        action = .expectValue(name: a.0, pass: a.1, value: unquote(parts[1]))
                    } else { problem("write: expect value NAME = VALUE") }
                case "soft-check", "softcheck":
                    action = .expectSoftCheck(arg)
                case "hard-check", "hardcheck":
                    action = .expectHardCheck(arg)
                case "rejected":
                    action = .expectRejected(arg.isEmpty ? nil : unquote(arg))
                case "complete", "completed":
                    action = .expectComplete
                case "ended", "end":
                    if arg.isEmpty { problem("write: expect ended OUTCOME, e.g. expect ended ceased-trading") } else { action = .expectEnded(arg) }
                case "off-path", "offpath":
                    if let a = address(arg) { action = .expectOffPath(a) }
                default:
                    problem("unknown expectation \"\(what)\"; use current, asked, never, value, soft-check, hard-check, rejected, off-path, complete or ended")
                }
            default:
                problem("unknown step \"\(verb)\"; use answer, dk, refused, confirm, back, jump, note, complete, end, sample, today or expect")
            }
            if let action { steps.append(.init(line: line, action: action, text: trimmed)) }
        }
        return (Scenario(file: file, steps: steps), diagnostics)
    }

    static func splitWord(_ s: String) -> (String, String) {
        // Space and tab are single UTF-8 bytes: finding them among the bytes is exact, and far
        // cheaper than walking characters on every line of a long scenario.
        guard let space = s.utf8.firstIndex(where: { $0 == 32 || $0 == 9 }) else { return (s, "") }
        return (String(s[..<space]), String(s[space...]).trimmingSpaces)
    }

    static func unquote(_ s: String) -> String {
        if s.count >= 2, let f = s.first, f == s.last, f == "\"" || f == "'" { return String(s.dropFirst().dropLast()) }
        return s
    }
}

/// Question names in scenarios: `q`, `q[2]`, `q[burglary]`, `q[burglary,1]`.
enum ScenarioAddress {
    static func parse(_ s: String) -> QuestionAddress? {
        guard let (id, pass) = parseNamed(s) else { return nil }
        // Named passes are resolved later against the instrument; keep them as negative markers.
        var numbers: [Int] = []
        for p in pass {
            if let n = Int(p) { numbers.append(n) } else { return QuestionAddress(id: id + "[" + pass.joined(separator: ",") + "]", pass: []) }
        }
        return QuestionAddress(id: id, pass: numbers)
    }

    static func parseNamed(_ s: String) -> (String, [String])? {
        let t = s.trimmingSpaces
        guard !t.isEmpty else { return nil }
        guard let open = t.firstIndex(of: "[") else {
            return Identifier.isValid(t) ? (t, []) : nil
        }
        guard t.hasSuffix("]") else { return nil }
        let id = String(t[..<open])
        guard Identifier.isValid(id) else { return nil }
        let inner = t[t.index(after: open)..<t.index(before: t.endIndex)]
        let parts = inner.split(separator: ",").map { String($0).trimmingSpaces }
        guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        return (id, parts)
    }
}
