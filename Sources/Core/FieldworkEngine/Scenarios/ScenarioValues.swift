import FieldworkBasics
import FieldworkDiagnostics
import FieldworkChecker
import FieldworkExpressions
import FieldworkModel

/// Turns the values written in scenarios into responses, and compares expected values.
///
/// - choices: an option name or code; `other:"text"` gives the specify text;
/// - multiple: names or codes separated by commas;
/// - numbers as written; dates as YYYY-MM-DD; text as the rest of the line (quotes optional);
/// - grid: `item=option` pairs separated by commas, or option names in row order;
///   `dk` and `refused` allowed per row; a statement takes no value.
enum ScenarioValues {
    struct Problem: Error { var message: String }

    static func response(_ raw: String, for info: QuestionInfo) -> Result<Response, Problem> {
        let q = info.question
        let text = ScenarioParser.unquote(raw.trimmingSpaces)
        switch q.kind {
        case .statement:
            return .success(.seen)
        case .single:
            return option(text, frame: q.frame).map { .choice($0.0, specify: $0.1) }
        case .multiple:
            var codes: [Int] = []
            var specify: [Int: String] = [:]
            for part in splitList(text) {
                switch option(part, frame: q.frame) {
                case .success(let (code, s)):
                    codes.append(code)
                    if let s { specify[code] = s }
                case .failure(let e): return .failure(e)
                }
            }
            if codes.isEmpty { return .failure(Problem(message: "name at least one option")) }
            let order = (q.frame?.options ?? []).map(\.code)
            codes.sort { (order.firstIndex(of: $0) ?? 0) < (order.firstIndex(of: $1) ?? 0) }
            return .success(.choices(codes, specify: specify))
        case .integer, .decimal:
            guard let n = Double(text.replacingOccurrences(",", "")) else { return .failure(Problem(message: "\"\(text)\" is not a number")) }
            return .success(.number(n))
        case .text:
            return .success(.text(text))
        case .date:
            guard let d = DateText.dayNumber(text) else { return .failure(Problem(message: "\"\(text)\" is not a date (YYYY-MM-DD)")) }
            return .success(.date(d))
        case .grid(let items):
            let parts = splitList(text)
            var cells = [Response?](repeating: nil, count: items.count)
            for (i, part) in parts.enumerated() {
                var row = i
                var value = part
                if let eq = part.firstIndex(of: "=") {
                    let name = String(part[..<eq]).trimmingSpaces
                    guard let r = items.firstIndex(where: { $0.name == name }) else { return .failure(Problem(message: "grid \(q.id) has no item \"\(name)\"")) }
                    row = r
                    value = String(part[part.index(after: eq)...]).trimmingSpaces
                }
                guard row < items.count else { return .failure(Problem(message: "grid \(q.id) has \(items.count) rows; \(parts.count) values given")) }
                switch value.lowercased() {
                case "dk", "dontknow", "don't know": cells[row] = .dontKnow
                case "refused", "ref": cells[row] = .refused
                default:
                    switch option(value, frame: q.frame) {
                    case .success(let (code, _)): cells[row] = .choice(code, specify: nil)
                    case .failure(let e): return .failure(e)
                    }
                }
            }
            guard cells.allSatisfy({ $0 != nil }) else { return .failure(Problem(message: "give a value for every row of grid \(q.id)")) }
            return .success(.grid(cells.map { $0! }))
        }
    }

    private static func option(_ text: String, frame: CodeFrame?) -> Result<(Int, String?), Problem> {
        var name = text.trimmingSpaces
        var specify: String?
        if let colon = name.firstIndex(of: ":") {
            specify = ScenarioParser.unquote(String(name[name.index(after: colon)...]).trimmingSpaces)
            name = String(name[..<colon]).trimmingSpaces
        }
        guard let frame else { return .failure(Problem(message: "the question has no options")) }
        if let o = frame.option(named: name) { return .success((o.code, specify)) }
        if let code = Int(name), frame.option(code: code) != nil { return .success((code, specify)) }
        let s = NearMiss.suggestion(for: name, among: frame.options.map(\.name))
        return .failure(Problem(message: "\"\(name)\" is not an option" + (s.map { "; did you mean \"\($0)\"?" } ?? "") + " (options: \(frame.options.map(\.name).joined(separator: ", ")))"))
    }

    static func splitList(_ s: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var quote: Character?
        for ch in s {
            if let q = quote {
                current.append(ch)
                if ch == q { quote = nil }
            } else if ch == "\"" || ch == "'" {
                quote = ch
                current.append(ch)
            } else if ch == "," {
                parts.append(current.trimmingSpaces)
                current = ""
            } else {
                current.append(ch)
            }
        }
        if !current.trimmingSpaces.isEmpty { parts.append(current.trimmingSpaces) }
        return parts
    }

    static func matches(expected: String, actual: RuntimeValue?, name: String, instrument: Instrument) -> Bool {
        let e = expected.trimmingSpaces
        guard let actual else { return ["not asked", "none", "missing", "-"].contains(e.lowercased()) }
        switch actual {
        case .number(let n): return Double(e).map { abs($0 - n) < 1e-9 } ?? false
        case .text(let t): return t == e
        case .boolean(let b): return (b ? "true" : "false") == e.lowercased() || (b ? "yes" : "no") == e.lowercased()
        case .date(let d): return DateText.text(dayNumber: d) == e
        case .choice(let code):
            if Int(e) == code { return true }
            if let qi = instrument.questionIndex(id: name), let o = instrument.questions[qi].question.frame?.option(named: e) { return o.code == code }
            return false
        case .choices(let codes):
            let frame = instrument.questionIndex(id: name).flatMap { instrument.questions[$0].question.frame }
            let wanted = splitList(e).compactMap { part -> Int? in Int(part) ?? frame?.option(named: part)?.code }
            return Set(wanted) == Set(codes)
        case .missing(let reason):
            switch reason {
            case .dontKnow: return ["dk", "dontknow", "don't know"].contains(e.lowercased())
            case .refused: return ["refused", "ref"].contains(e.lowercased())
            case .coded(let missingName): return e == missingName
            default: return ["not asked", "none", "missing", "-"].contains(e.lowercased())
            }
        }
    }

    static func describe(_ v: RuntimeValue) -> String {
        switch v {
        case .number(let n): return ValueFormatter.number(n)
        case .text(let t): return "\"\(t)\""
        case .boolean(let b): return b ? "true" : "false"
        case .date(let d): return DateText.text(dayNumber: d)
        case .choice(let c): return "code \(c)"
        case .choices(let cs): return "codes \(cs.map(String.init).joined(separator: ", "))"
        case .missing(let r):
            switch r {
            case .dontKnow: return "don't know"
            case .refused: return "refused"
            case .coded(let missingName): return missingName
            case .notAsked: return "not asked"
            case .undefined: return "undefined"
            }
        }
    }
}

extension String {
    func replacingOccurrences(_ a: Character, _ b: String) -> String {
        var out = ""
        for ch in self { if ch == a { out += b } else { out.append(ch) } }
        return out
    }
}
