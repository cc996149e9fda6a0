import FieldworkEngine
import FieldworkModel

/// Turns what the interviewer typed into a `Response` of the question's kind. It only reads the
/// shape of the input (a number, a date); whether the value is allowed is the engine's decision,
/// so the screen never duplicates survey rules.
public enum InterviewAnswerParser {
    /// A whole number typed as a code (" 3 " → 3).
    public static func code(_ text: String) -> Int? {
        let trimmed = text.stripping(" ")
        guard !trimmed.isEmpty, trimmed.allSatisfy(\.isASCIIDigit) || (trimmed.first == "-" && trimmed.dropFirst().allSatisfy(\.isASCIIDigit) && trimmed.count > 1) else { return nil }
        return Int(trimmed)
    }

    /// A number as people say and type them: "12", "1,250", "£3.50", "-2", "12 people".
    public static func number(_ text: String, unit: String?) -> Result<Double, InterviewInputError> {
        var cleaned = text.stripping(" ")
        if let unit, !unit.isEmpty {
            if cleaned.hasPrefix(unit) { cleaned.removeFirst(unit.count) }
            if cleaned.hasSuffix(unit) { cleaned.removeLast(unit.count) }
        }
        cleaned = cleaned.filter { $0 != "," && $0 != " " && $0 != "£" }
        let body = cleaned.hasPrefix("-") ? cleaned.dropFirst() : Substring(cleaned)
        let dots = body.filter { $0 == "." }.count
        guard !body.isEmpty, dots <= 1, body.allSatisfy({ $0.isASCIIDigit || $0 == "." }),
              body.contains(where: \.isASCIIDigit), let value = Double(cleaned) else {
            return .failure(InterviewInputError("\"\(text)\" is not a number: type digits, e.g. 12 or 1250.50"))
        }
        return .success(value)
    }

    /// A date typed YYYY-MM-DD (or D/M/YYYY, the way UK interviewers write it).
    public static func date(_ text: String) -> Result<Int, InterviewInputError> {
        let trimmed = text.stripping(" ")
        if let day = DateValue.dayNumber(trimmed) { return .success(day) }
        let parts = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 3, parts[2].count == 4, (1...2).contains(parts[0].count), (1...2).contains(parts[1].count),
           parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) {
            func two(_ s: Substring) -> String { s.count == 1 ? "0" + s : String(s) }
            if let day = DateValue.dayNumber("\(parts[2])-\(two(parts[1]))-\(two(parts[0]))") { return .success(day) }
        }
        return .failure(InterviewInputError("\"\(text)\" is not a date: type it as YYYY-MM-DD, e.g. 2025-03-15"))
    }

    /// The response for typed `text` at a question of `kind` (not for choice questions, which are
    /// answered by code).
    public static func response(_ text: String, kind: QuestionKind) -> Result<Response, InterviewInputError> {
        switch kind {
        case .integer(_, _, let unit):
            return number(text, unit: unit).map { .number($0) }
        case .decimal(_, _, _, let unit):
            return number(text, unit: unit).map { .number($0) }
        case .date:
            return date(text).map { .date($0) }
        case .text:
            return .success(.text(text.stripping(" ")))
        case .statement:
            return .success(.seen)
        case .single, .multiple, .grid:
            guard let value = code(text) else {
                return .failure(InterviewInputError("\"\(text)\" is not a code: type the number shown next to the answer"))
            }
            return .success(.choice(value, specify: nil))
        }
    }
}
