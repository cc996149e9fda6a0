import FieldworkBasics
import FieldworkChecker
import FieldworkExpressions
import FieldworkModel

/// Renders a condition from the questionnaire as plain words for the codebook and the printed
/// questionnaire, using option labels where the expression names options: `s_consent == 'yes'` →
/// "s_consent is Yes", `'x' in q` → "q includes X". Analysts read these to know who was asked a
/// question; with question numbers (the printed questionnaire) names carry their number and
/// option values their code: "s_consent (Q7) is Yes (code 1)".
public struct ConditionWording {
    let instrument: Instrument
    /// The code frame `item.*` refers to (the innermost forEach loop), if any.
    let loopFrame: CodeFrame?
    let loopSource: String?
    /// The language option labels are given in.
    let language: String
    /// When given, question names are followed by their number and option values by their code.
    let numbers: QuestionNumbers?

    public init(instrument: Instrument, loopFrame: CodeFrame? = nil, loopSource: String? = nil,
                language: String? = nil, numbers: QuestionNumbers? = nil) {
        self.instrument = instrument
        self.loopFrame = loopFrame
        self.loopSource = loopSource
        self.language = language ?? instrument.questionnaire.defaultLanguage
        self.numbers = numbers
    }

    /// Words for a parsed condition; falls back to its source text when it did not parse.
    public func words(_ condition: Condition) -> String {
        guard let expression = condition.expression else { return condition.source }
        return words(expression)
    }

    public func words(_ e: Expression) -> String {
        switch e.node {
        case .integer(let n): return String(n)
        case .decimal(let d): return DecimalText.shortest(d)
        case .string(let s): return "'\(s)'"
        case .boolean(let b): return b ? "true" : "false"
        case .list(let items): return items.map(words).joined(separator: ", ")
        case .reference(let path): return "\(name(path)) is true"
        case .index(let path, let key): return indexed(path, key) + " is true"
        case .unary(.not, let inner): return negated(inner)
        case .unary(.negate, let inner): return "-" + operand(inner)
        case .binary(let op, let lhs, let rhs): return binary(op, lhs, rhs)
        case .call(let function, let args): return call(function, args)
        }
    }

    private func negated(_ inner: Expression) -> String {
        switch inner.node {
        case .reference(let path): return "\(name(path)) is not true"
        case .binary(.in, let lhs, let rhs):
            if case .list = rhs.node { return "\(operand(lhs)) is not one of \(listWords(rhs, subject: lhs))" }
            return "\(operand(rhs)) does not include \(value(lhs, subject: rhs))"
        case .binary(.equal, let lhs, let rhs): return binary(.notEqual, lhs, rhs)
        case .call("answered", let args) where args.count == 1: return "\(operand(args[0])) was not answered"
        case .call("asked", let args) where args.count == 1: return "\(operand(args[0])) was not asked"
        default: return "not (\(words(inner)))"
        }
    }

    private func binary(_ op: BinaryOperator, _ lhs: Expression, _ rhs: Expression) -> String {
        switch op {
        case .and, .or:
            return [lhs, rhs].map { side -> String in
                if case .binary(let inner, _, _) = side.node, (inner == .and || inner == .or), inner != op {
                    return "(" + words(side) + ")"
                }
                return words(side)
            }.joined(separator: op == .and ? " and " : " or ")
        case .equal: return "\(operand(lhs)) is \(value(rhs, subject: lhs))"
        case .notEqual: return "\(operand(lhs)) is not \(value(rhs, subject: lhs))"
        case .less: return "\(operand(lhs)) is less than \(value(rhs, subject: lhs))"
        case .lessOrEqual: return "\(operand(lhs)) is at most \(value(rhs, subject: lhs))"
        case .greater: return "\(operand(lhs)) is more than \(value(rhs, subject: lhs))"
        case .greaterOrEqual: return "\(operand(lhs)) is at least \(value(rhs, subject: lhs))"
        case .in:
            if case .list = rhs.node { return "\(operand(lhs)) is one of \(listWords(rhs, subject: lhs))" }
            return "\(operand(rhs)) includes \(value(lhs, subject: rhs))"
        case .add, .subtract, .multiply, .divide:
            return "\(operand(lhs)) \(op.rawValue) \(operand(rhs))"
        }
    }

    private func call(_ function: String, _ args: [Expression]) -> String {
        let first = args.first.map(operand) ?? ""
        switch function {
        case "answered" where args.count == 1: return "\(first) was answered"
        case "dontknow" where args.count == 1: return "\(first) was answered don't know"
        case "refused" where args.count == 1: return "\(first) was refused"
        case "asked" where args.count == 1: return "\(first) was asked"
        case "count" where args.count == 1: return "the number of options chosen at \(first)"
        case "len" where args.count == 1: return "the length of \(first)"
        default: return "\(function)(\(args.map(operand).joined(separator: ", ")))"
        }
    }

    /// A value side, as a label when the other side names a question with a code frame.
    private func value(_ e: Expression, subject: Expression) -> String {
        if case .string(let optionName) = e.node, let frame = frame(of: subject),
           let option = frame.options.first(where: { $0.name == optionName }) {
            let label = option.label.text(in: language)
            return numbers == nil ? label : "\(label) (code \(option.code))"
        }
        return operand(e)
    }

    private func listWords(_ list: Expression, subject: Expression) -> String {
        guard case .list(let items) = list.node else { return operand(list) }
        return items.map { value($0, subject: subject) }.joined(separator: ", ")
    }

    /// An expression used as a subject or operand (no "is true").
    private func operand(_ e: Expression) -> String {
        switch e.node {
        case .reference(let path): return name(path)
        case .index(let path, let key): return indexed(path, key)
        case .binary(let op, _, _) where op == .add || op == .subtract || op == .multiply || op == .divide:
            return "(" + words(e) + ")"
        case .binary, .unary(.not, _): return "(" + words(e) + ")"
        default: return words(e)
        }
    }

    /// `v_inc[burglary]` as written (with its number); `sc_yes[item]` as "sc_yes for this pass's option".
    private func indexed(_ path: [String], _ key: IndexKey) -> String {
        if case .name("item") = key { return path.joined(separator: ".") + numbered(path) + " for this pass's option" }
        return "\(path.joined(separator: "."))[\(key)]" + numbered(path)
    }

    private func name(_ path: [String]) -> String {
        if path.first == "item", path.count == 2 {
            let of = loopSource.map { " at \($0)" + numbered([$0]) } ?? ""
            switch path[1] {
            case "name", "label", "code": return "this pass's option\(of)"
            case "index": return "this pass's number"
            default: break
            }
        }
        if path.first == "sample", path.count == 2 { return "sample field \(path[1])" }
        return path.joined(separator: ".") + numbered(path)
    }

    /// " (Q12)" after a question's name when numbering is on; grid rows take their grid's number.
    private func numbered(_ path: [String]) -> String {
        guard let numbers, let first = path.first, let number = numbers.label(of: first) else { return "" }
        return " (\(number))"
    }

    /// The code frame whose option names a value compares against.
    private func frame(of subject: Expression) -> CodeFrame? {
        switch subject.node {
        case .reference(let path) where path.first == "item": return loopFrame
        case .reference(let path) where path.count == 1:
            return instrument.questionIndex(id: path[0]).flatMap { instrument.questions[$0].question.frame }
        case .index(let path, _) where path.count == 1:
            return instrument.questionIndex(id: path[0]).flatMap { instrument.questions[$0].question.frame }
        default: return nil
        }
    }
}
