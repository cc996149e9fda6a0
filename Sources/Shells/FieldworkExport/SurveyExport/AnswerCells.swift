import FieldworkBasics
import FieldworkChecker
import FieldworkEngine
import FieldworkExpressions
import FieldworkModel

/// Turns a replayed interview into cells for planned variables. Only answers on the interview's
/// path count: an answer that left the path after an earlier answer changed is never exported.
public struct AnswerCells {
    /// Answers on the path, by occurrence.
    public let answers: PathAnswers
    public let interview: Interview
    /// Codes of the column being filled: a non-answer the column does not declare is counted.
    public private(set) var undeclaredMissing = 0

    public init(interview: Interview) {
        self.interview = interview
        answers = PathAnswers(interview.onPathAnswers)
    }

    /// The cell for `spec` (a plan entry of the interview's own instrument) in a column declared as `variable`.
    public mutating func cell(for spec: VariableSpec, in variable: ExportVariable, missingCodes: MissingCodes) -> ExportCell {
        cell(for: spec.source, in: variable, missingCodes: missingCodes)
    }

    /// The cell for a plan entry's `source` (of the interview's own instrument) in a column declared as `variable`.
    public mutating func cell(for source: VariableSpec.Source, in variable: ExportVariable, missingCodes: MissingCodes) -> ExportCell {
        cell(for: source, column: Column(variable), missingCodes: missingCodes)
    }

    /// What a cell needs of its column: storage and declared missing codes. Rows are filled from
    /// these (made once per export) rather than from `ExportVariable`s, whose copy per cell cost
    /// more than working out the cell.
    public struct Column: Sendable {
        /// Stored as numbers (numeric or date): takes missing codes.
        public var isNumeric: Bool
        /// A date variable: takes `.date` cells only (and missing codes).
        public var isDate: Bool
        // Survey columns declare at most two codes (don't know, refused); kept inline so that
        // copying a column per cell touches no reference count. More go in `more`.
        private var first: Double?
        private var second: Double?
        private var more: [Double]?

        public init(_ variable: ExportVariable) {
            isNumeric = variable.kind.isNumeric
            isDate = variable.kind.isDate
            let codes = variable.missing.map(\.code)
            first = codes.first
            second = codes.count > 1 ? codes[1] : nil
            more = codes.count > 2 ? Array(codes.dropFirst(2)) : nil
        }

        /// Whether the column declares `code` as a missing value.
        public func declares(_ code: Double) -> Bool {
            code == first || code == second || (more?.contains(code) ?? false)
        }
    }

    /// The cell for a plan entry's `source` in `column`.
    public mutating func cell(for source: VariableSpec.Source, column: Column, missingCodes: MissingCodes) -> ExportCell {
        let variable = column
        switch source {
        case .metadata, .sample:
            return .systemMissing
        case let .answer(question, gridItem, option, iteration):
            guard var response = answers[InstanceKey(item: question, iteration: iteration)] else { return .systemMissing }
            // A grid answered don't know or refused as a whole carries that code in every item column.
            if let gridItem, case .grid(let cells) = response {
                guard gridItem < cells.count else { return .systemMissing }
                response = cells[gridItem]
            }
            return value(of: response, option: option, variable: variable, codes: missingCodes)
        case let .specify(question, option, iteration):
            guard let response = answers[InstanceKey(item: question, iteration: iteration)] else { return .systemMissing }
            switch response {
            case .choice(let code, let text) where code == option:
                return text.map(ExportCell.text) ?? .systemMissing
            case .choices(let codes, let texts) where codes.contains(option):
                return texts[option].map(ExportCell.text) ?? .systemMissing
            default:
                return .systemMissing
            }
        case let .optionOrder(question, iteration):
            // Only for a question the interview asked, with an order drawn from its seed.
            let key = InstanceKey(item: question, iteration: iteration)
            guard answers[key] != nil, let positions = interview.optionOrder(of: key),
                  let options = interview.instrument.questions[question].question.frame?.options else { return .systemMissing }
            let text = positions.map { String(options[$0].code) }.joined(separator: " ")
            return variable.isNumeric ? .systemMissing : .text(text)
        case let .computed(index, iteration):
            let id = interview.instrument.computed[index].variable.id
            guard let value = interview.computedValue(id: id, pass: iteration.numbers) else { return .systemMissing }
            return computedCell(value, variable: variable)
        }
    }

    private mutating func value(of response: Response, option: Int?, variable: Column, codes: MissingCodes) -> ExportCell {
        switch response {
        case .dontKnow: return missing(Double(codes.dontKnow), variable)
        case .refused: return missing(Double(codes.refused), variable)
        case .missingCode(let name):
            guard let extra = codes.extra(named: name) else { return .systemMissing }
            return missing(Double(extra.code), variable)
        case .seen: return .systemMissing
        case .choices(let chosen, _):
            guard let option else { return .systemMissing }
            return .number(chosen.contains(option) ? 1 : 0)
        case .choice(let code, _):
            if let option { return .number(code == option ? 1 : 0) }
            return number(Double(code), variable)
        case .number(let n):
            return number(n, variable)
        case .text(let t):
            return variable.isNumeric ? .systemMissing : .text(t)
        case .date(let day):
            return date(day, variable)
        case .grid:
            return .systemMissing
        }
    }

    /// A number in `variable`; a date column holds dates only, so a number there is not exported.
    private func number(_ n: Double, _ variable: Column) -> ExportCell {
        if variable.isDate { return .systemMissing }
        return variable.isNumeric ? .number(n) : .text(DecimalText.shortest(n))
    }

    /// A date (days since 1970-01-01) in `variable`: a date cell, its day number, or its text.
    private func date(_ day: Int, _ variable: Column) -> ExportCell {
        if variable.isDate { return .date(dayNumber: day) }
        return variable.isNumeric ? .number(Double(day)) : .text(DateValue.text(dayNumber: day))
    }

    private mutating func missing(_ code: Double, _ variable: Column) -> ExportCell {
        // Text answers declare their codes too: "-1" is don't know in a text column.
        if variable.declares(code) { return .missing(code: code) }
        undeclaredMissing += 1
        return .systemMissing
    }

    private func computedCell(_ value: RuntimeValue, variable: Column) -> ExportCell {
        switch value {
        case .number(let n): return number(n, variable)
        case .boolean(let b): return variable.isNumeric ? number(b ? 1 : 0, variable) : .text(b ? "true" : "false")
        case .choice(let c): return number(Double(c), variable)
        case .text(let t): return variable.isNumeric ? .systemMissing : .text(t)
        case .date(let d): return date(d, variable)
        case .choices(let cs): return variable.isNumeric ? .systemMissing : .text(cs.map(String.init).joined(separator: " "))
        case .missing: return .systemMissing
        }
    }
}
