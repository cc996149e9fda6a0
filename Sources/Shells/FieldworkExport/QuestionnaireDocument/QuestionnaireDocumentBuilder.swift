import FieldworkBasics
import FieldworkChecker
import FieldworkExpressions
import FieldworkModel

/// Builds the printed questionnaire from a checked instrument by walking its program in order, so
/// the document shows exactly the sections, loops and items the engine will step through.
public struct QuestionnaireDocumentBuilder {
    let instrument: Instrument
    let language: String
    let numbers: QuestionNumbers
    let wording: DocumentWording
    let fills: FillPlaceholders

    /// `language` nil means the questionnaire's default language; one it is not written in is
    /// refused with the languages it has.
    public init(instrument: Instrument, language: String? = nil) throws {
        let questionnaire = instrument.questionnaire
        let chosen = language ?? questionnaire.defaultLanguage
        guard questionnaire.languages.contains(chosen) else {
            throw DocumentLanguageError(requested: chosen, available: questionnaire.languages)
        }
        self.instrument = instrument
        self.language = chosen
        self.numbers = QuestionNumbers(instrument: instrument)
        self.wording = DocumentWording(instrument: instrument, language: chosen, numbers: numbers)
        self.fills = FillPlaceholders(wording: wording)
    }

    public func build() -> QuestionnaireDocument {
        let q = instrument.questionnaire
        var sections: [DocumentSection] = []
        for node in instrument.program {
            switch node {
            case .sectionStart(let index):
                let info = instrument.sections[index]
                var routing = info.section.askIf.map { ["Ask this section only if " + wording.words($0, loops: [])] } ?? []
                switch info.section.order {
                case .asWritten: break
                case .random: routing.append("Its questions are asked in a random order, drawn per interview and exported.")
                case .rotate: routing.append("Its questions are asked in a rotated order, drawn per interview and exported.")
                }
                sections.append(DocumentSection(position: index + 1, id: info.section.id,
                                                title: info.section.title.text(in: language), routing: routing, entries: []))
            case .sectionEnd:
                break
            case .loopStart(let index):
                append(.loopStart(loop(instrument.loops[index])), to: &sections)
            case .loopEnd(let index):
                append(.loopEnd(loop(instrument.loops[index])), to: &sections)
            case .question(let index):
                append(.question(question(instrument.questions[index])), to: &sections)
            case .computed(let index):
                append(.computed(computed(instrument.computed[index])), to: &sections)
            case .end(let index):
                append(.end(ending(instrument.endpoints[index])), to: &sections)
            }
        }
        return QuestionnaireDocument(title: q.title.text(in: language), id: q.id, version: q.version, languages: q.languages,
                                     language: language, targetMinutes: q.targetMinutes, dontKnowCode: q.missingCodes.dontKnow,
                                     refusedCode: q.missingCodes.refused, numberedQuestions: numbers.count, sections: sections)
    }

    private func append(_ entry: DocumentEntry, to sections: inout [DocumentSection]) {
        guard !sections.isEmpty else { return }
        sections[sections.count - 1].entries.append(entry)
    }

    // MARK: loops

    func loop(_ info: LoopInfo) -> DocumentLoop {
        let routing = info.loop.askIf.map { ["Loop made only if " + wording.words($0, loops: info.enclosing)] } ?? []
        return DocumentLoop(id: info.loop.id, repetition: wording.repetition(of: info), routing: routing,
                            loopDepth: info.enclosing.count)
    }

    // MARK: questions

    func question(_ info: QuestionInfo) -> DocumentQuestion {
        let q = info.question
        var routing: [String] = []
        if let innermost = info.loops.last { routing.append(wording.passSentence(of: instrument.loops[innermost])) }
        if let askIf = q.askIf { routing.append("Ask if " + wording.words(askIf, loops: info.loops)) }
        let isStatement: Bool
        if case .statement = q.kind { isStatement = true } else { isStatement = false }
        let options = (q.frame?.options ?? []).map { option(for: $0, loops: info.loops) }
        var gridRows: [DocumentGridRow] = []
        if case .grid(let items) = q.kind {
            let suffix = loopSuffix(info.loops)
            gridRows = items.map {
                DocumentGridRow(name: $0.name, text: fills.text($0.text, loops: info.loops), exportName: q.id + "_" + $0.name + suffix)
            }
        }
        let checks = q.checks.map {
            DocumentCheck(id: $0.id, severity: $0.severity, condition: wording.words($0.require, loops: info.loops),
                          message: fills.text($0.message, loops: info.loops))
        }
        return DocumentQuestion(number: numbers.number(of: q.id), id: q.id, typeName: Self.typeName(q.kind),
                                exportNames: exportNames(info), text: fills.text(q.text, loops: info.loops),
                                instruction: q.instruction.map { fills.text($0, loops: info.loops) }, routing: routing,
                                answerRules: answerRules(q.kind) + orderRules(q), options: options, gridRows: gridRows,
                                missingValues: isStatement ? nil : missingValues(q), checks: checks, loopDepth: info.loops.count,
                                readAloud: q.readAloud)
    }

    func option(for option: Option, loops: [Int]) -> DocumentOption {
        let specify = option.specify.map {
            "specify: a text of up to \($0.maxLength) characters" + ($0.required ? ", required" : ", optional")
        }
        let shownIf = option.showIf.map { "shown only if " + wording.words($0, loops: loops) }
        return DocumentOption(code: option.code, label: fills.label(option, loops: loops), readOut: option.readOut,
                              exclusive: option.exclusive, specify: specify, shownIf: shownIf)
    }

    static func typeName(_ kind: QuestionKind) -> String {
        switch kind {
        case .single: return "single choice"
        case .multiple: return "multiple choice"
        case .integer: return "whole number"
        case .decimal: return "number"
        case .text: return "text"
        case .date: return "date"
        case .grid: return "grid"
        case .statement: return "statement"
        }
    }

    func answerRules(_ kind: QuestionKind) -> [String] {
        switch kind {
        case .single:
            return ["Code one answer."]
        case .multiple(let minChoices, let maxChoices):
            var rule = "Code all that apply"
            if minChoices > 1 { rule += ", at least \(minChoices)" }
            if let maxChoices { rule += ", at most \(maxChoices)" }
            return [rule + "."]
        case .integer(let min, let max, let unit):
            return ["A whole number" + Self.range(min.map(String.init), max.map(String.init)) + Self.unit(unit) + "."]
        case .decimal(let min, let max, let decimals, let unit):
            let places = decimals == 0 ? "no decimal places" : decimals == 1 ? "1 decimal place" : "\(decimals) decimal places"
            return ["A number with \(places)" + Self.range(min.map(DecimalText.shortest), max.map(DecimalText.shortest)) + Self.unit(unit) + "."]
        case .text(let maxLength):
            return ["A text of up to \(maxLength) characters."]
        case .date(let min, let max):
            return ["A date (YYYY-MM-DD)" + Self.range(min, max) + "."]
        case .grid:
            return ["One answer for each row, on the scale below."]
        case .statement:
            return ["Read out; nothing is recorded."]
        }
    }

    static func range(_ min: String?, _ max: String?) -> String {
        switch (min, max) {
        case let (min?, max?): return " from \(min) to \(max)"
        case let (min?, nil): return ", \(min) or more"
        case let (nil, max?): return ", at most \(max)"
        case (nil, nil): return ""
        }
    }

    static func unit(_ unit: String?) -> String {
        guard let unit, !unit.isEmpty else { return "" }
        return ", in \(unit)"
    }

    /// How the options are put in front of the respondent, when not as written.
    func orderRules(_ q: Question) -> [String] {
        switch q.order {
        case .asWritten: return []
        case .random: return ["Options are offered in a random order, drawn per interview and exported; those marked fixed keep their place."]
        case .rotate: return ["Options are offered in a rotated order (the written order, started at a place drawn per interview and exported); those marked fixed keep their place."]
        }
    }

    /// The extra non-answers a question may record ("too many to count"), with their codes.
    func extraMissingValues(_ q: Question) -> String? {
        let codes = instrument.questionnaire.missingCodes
        let allowed = q.allowMissing.compactMap { codes.extra(named: $0) }
        guard !allowed.isEmpty else { return nil }
        return " Also, when volunteered: " + allowed.map { "\($0.label.text(in: language).lowercased()) (code \($0.code))" }.joined(separator: ", ") + "."
    }

    func missingValues(_ q: Question) -> String {
        missingValuesOfDontKnowAndRefused(q) + (extraMissingValues(q) ?? "")
    }

    private func missingValuesOfDontKnowAndRefused(_ q: Question) -> String {
        let codes = instrument.questionnaire.missingCodes
        let dontKnow = "don't know (code \(codes.dontKnow))"
        let refused = "refused (code \(codes.refused))"
        switch (q.allowDontKnow, q.allowRefused) {
        case (true, true): return "Not read out: \(dontKnow) and \(refused) may be recorded."
        case (true, false): return "Not read out: \(dontKnow) may be recorded; refused may not."
        case (false, true): return "Not read out: \(refused) may be recorded; don't know may not."
        case (false, false): return "Neither don't know nor refused may be recorded."
        }
    }

    // MARK: export names

    /// The question's export variables for its first loop pass, with the pass part written as a
    /// pattern (`v_inc_<option of crimes>`); empty when the id alone is the variable.
    func exportNames(_ info: QuestionInfo) -> [String] {
        var names: [String] = []
        var firstPass: LoopPass?
        for spec in instrument.variables {
            let question: Int, iteration: LoopPass
            switch spec.source {
            case let .answer(q, _, _, i), let .specify(q, _, i), let .optionOrder(q, i): (question, iteration) = (q, i)
            case .metadata, .sample, .computed: continue
            }
            guard question == info.index else { continue }
            if firstPass == nil { firstPass = iteration }
            guard iteration == firstPass else { continue }
            names.append(spec.name)
        }
        guard let firstPass else { return [] }
        let written = passSuffix(info.loops, iteration: firstPass)
        let pattern = loopSuffix(info.loops)
        if !written.isEmpty {
            names = names.map { $0.hasSuffix(written) ? String($0.dropLast(written.count)) + pattern : $0 }
        }
        return names == [info.question.id] ? [] : names
    }

    /// The suffix the export gives one pass (`_burglary`, `_2`).
    func passSuffix(_ loops: [Int], iteration: LoopPass) -> String {
        var suffix = ""
        for (level, l) in loops.enumerated() {
            let pass = iteration.number(at: level)
            if let frame = instrument.loops[l].frame {
                guard pass >= 1, pass <= frame.options.count else { return "" }
                suffix += "_" + frame.options[pass - 1].name
            } else {
                suffix += "_\(pass)"
            }
        }
        return suffix
    }

    /// The pass part of export names as a pattern: `_<option of crimes>`, `_<1-5>`.
    func loopSuffix(_ loops: [Int]) -> String {
        loops.map { l -> String in
            let loop = instrument.loops[l]
            switch loop.loop.source {
            case .forEach(let source, _), .forEachOption(let source, _): return "_<option of \(source)>"
            case .count: return "_<1-\(loop.maxIterations)>"
            }
        }.joined()
    }

    // MARK: computed variables and ends

    func computed(_ info: ComputedInfo) -> DocumentComputed {
        let variable = info.variable
        let definition: String
        let isBoolean: Bool
        if case .boolean? = info.expression?.resultType { isBoolean = true } else { isBoolean = false }
        if let expression = variable.expression.expression, isBoolean, Self.readsAsCondition(expression) {
            definition = "true when " + wording.wording(loops: info.loops).words(expression)
        } else if let expression = variable.expression.expression, case .call("count", let args) = expression.node, args.count == 1 {
            definition = wording.wording(loops: info.loops).words(expression)
        } else {
            definition = variable.expression.source
        }
        return DocumentComputed(id: variable.id, label: variable.label?.text(in: language), definition: definition,
                                loopDepth: info.loops.count)
    }

    /// Conditions (comparisons, and/or/not, answered(…) …) read well in words; arithmetic and
    /// nested ifs are clearer as written.
    static func readsAsCondition(_ e: Expression) -> Bool {
        switch e.node {
        case .binary(let op, let lhs, let rhs):
            if op == .and || op == .or { return readsAsCondition(lhs) && readsAsCondition(rhs) }
            return op.isComparison && isPlainOperand(lhs) && isPlainOperand(rhs)
        case .unary(.not, let inner): return readsAsCondition(inner)
        case .reference: return true
        case .call(let name, let args): return ["answered", "dontknow", "refused", "asked"].contains(name) && args.count == 1
        default: return false
        }
    }

    private static func isPlainOperand(_ e: Expression) -> Bool {
        switch e.node {
        case .integer, .decimal, .string, .boolean, .reference, .index, .list: return true
        case .call("count", let args), .call("len", let args): return args.count == 1
        default: return false
        }
    }

    func ending(_ info: EndpointInfo) -> DocumentEnding {
        let e = info.endpoint
        return DocumentEnding(id: e.id, outcome: e.outcome.rawValue, outcomeLabel: e.outcome.label,
                              condition: e.askIf.map { wording.words($0, loops: info.loops) },
                              closingWords: e.text.map { fills.text($0, loops: info.loops) },
                              instruction: e.instruction.map { fills.text($0, loops: info.loops) }, loopDepth: info.loops.count)
    }
}
