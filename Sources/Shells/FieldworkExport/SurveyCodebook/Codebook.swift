import FieldworkChecker
import FieldworkModel

/// The analyst's guide to an export: every variable with its label, type, values, missing codes,
/// who was asked it (in words) and how often each value occurs in the data.
public struct Codebook: Sendable {
    public struct Entry: Sendable {
        public var variable: ExportVariable
        /// "numeric", "numeric (2 decimals)", "text (up to N bytes)", "date (…)".
        public var type: String
        /// Who is asked, in words; "" for interview facts.
        public var askedWhen: String
        public var tally: ValueTally
        /// The plan entry (nil for identifier sample fields and the weight).
        public var spec: VariableSpec?
        /// The words read aloud (fills as `[placeholders]`), from the printed questionnaire.
        public var questionText: String?
        public var instruction: String?
        /// Who is asked, in the printed questionnaire's words (section, loop and question routing).
        public var universe: [String] = []
        /// The section title the variable belongs to ("Interview facts" for metadata, "Sample").
        public var group: String = ""
        /// The loop the variable is asked in (outermost), if any.
        public var loopID: String?
        /// The options of this column offered only under a condition: for a multiple-choice
        /// option column, its own option; for a single choice or a grid item, every such option.
        public var optionRouting: [OptionRouting] = []
    }

    public var title: String
    public var questionnaireID: String
    public var version: String
    public var interviews: Int
    public var entries: [Entry]
    /// Multiple-choice questions' option columns, as in the .sav.
    public var multipleResponseSets: [MultipleResponseSet] = []
    /// The first interview start and the last interview end among the rows (UTC seconds).
    public var fieldPeriod: ClosedRange<Int>?

    /// Builds the codebook: reads every exported row once for the frequencies.
    public static func build(source: SurveyRowSource, instrument: Instrument) throws -> Codebook {
        let columns = source.plan.columns
        var tallies = [ValueTally](repeating: ValueTally(), count: columns.count)
        var rows = 0
        let startColumn = columns.firstIndex { $0.source == .metadata(.startTime) }
        let endColumn = columns.firstIndex { $0.source == .metadata(.endTime) }
        var first: Int?
        var last: Int?
        do {
            try source.forEachRow { cells in
                rows += 1
                for index in cells.indices { tallies[index].add(cells[index]) }
                if let startColumn, case let .dateTime(seconds) = cells[startColumn] { first = min(first ?? seconds, seconds) }
                if let endColumn, case let .dateTime(seconds) = cells[endColumn] { last = max(last ?? seconds, seconds) }
            }
        } catch is SurveyRowSource.CasesLeftOutUnforeseen {
            // Only a file header cares that the count changed: the rows tallied already leave those cases out.
        }
        let describer = ConditionDescriber(instrument: instrument)
        let q = instrument.questionnaire
        let words = DDICodebookRenderer.questionWords(instrument)
        let entries = columns.indices.map { index in
            let column = columns[index]
            var entry = Entry(variable: column.variable, type: typeText(column), askedWhen: describer.describe(column),
                              tally: tallies[index], spec: column.spec)
            entry.group = "Interview facts"
            switch column.spec?.source {
            case let .answer(question, _, _, _)?, let .specify(question, _, _)?, let .optionOrder(question, _)?:
                let info = instrument.questions[question]
                let said = words[info.question.id]
                entry.questionText = said?.text
                entry.instruction = said?.instruction
                entry.universe = said?.universe ?? []
                entry.optionRouting = Self.optionRouting(column.spec?.source, said?.optionRouting ?? [])
                entry.group = instrument.sections[info.section].section.title.text(in: q.defaultLanguage)
                entry.loopID = info.loops.first.map { instrument.loops[$0].loop.id }
            case let .computed(index, _)?:
                let info = instrument.computed[index]
                entry.group = describer.sectionOf(programIndex: info.programIndex)
                    .map { instrument.sections[$0].section.title.text(in: q.defaultLanguage) } ?? "Computed"
                entry.loopID = info.loops.first.map { instrument.loops[$0].loop.id }
            case .sample?:
                entry.group = "Sample"
            case nil:
                entry.group = column.source == .weight ? "Interview facts" : "Sample"
            case .metadata?:
                break
            }
            return entry
        }
        var codebook = Codebook(title: q.title.text(in: q.defaultLanguage), questionnaireID: q.id, version: q.version,
                                interviews: rows, entries: entries)
        codebook.multipleResponseSets = source.plan.multipleResponseSets
        if let first, let last, first <= last { codebook.fieldPeriod = first...last }
        return codebook
    }

    /// The option routing that bears on one column: a multiple-choice option column or a specify
    /// text has its own option's; a single choice, a grid item or an option order has every
    /// routed option of the question.
    static func optionRouting(_ source: VariableSpec.Source?, _ routed: [OptionRouting]) -> [OptionRouting] {
        switch source {
        case let .answer(_, _, option?, _)?, let .specify(_, option, _)?: return routed.filter { $0.code == option }
        case .answer?, .optionOrder?: return routed
        default: return []
        }
    }

    static func typeText(_ column: SurveyColumn) -> String {
        switch column.variable.kind {
        case .date: return "date (SPSS SDATE10, Stata %td; YYYY-MM-DD text in CSV)"
        case .dateTime: return "date-time, UTC (SPSS DATETIME20, Stata %tc; YYYY-MM-DDTHH:MM:SSZ text in CSV)"
        case .numeric(let decimals): return decimals == 0 ? "numeric" : "numeric (\(decimals) decimals)"
        case .string(let bytes): return bytes.map { "text (up to \($0) bytes)" } ?? "text"
        }
    }
}

/// Puts together the conditions that decide whether a variable is asked: its question's own
/// condition, its section's and its loops', and which loop pass the column belongs to.
struct ConditionDescriber {
    let instrument: Instrument

    func describe(_ column: SurveyColumn) -> String {
        if column.source == .weight { return "survey weight from `fieldwork weight` (docs/weighting.md); empty for cases not weighted" }
        guard let spec = column.spec else { return "from the sample (identifier)" }
        switch spec.source {
        case .metadata: return ""
        case .sample: return "from the sample"
        case let .answer(question, _, _, iteration), let .specify(question, _, iteration), let .optionOrder(question, iteration):
            let info = instrument.questions[question]
            var parts = context(section: info.section, loops: info.loops, iteration: iteration)
            if let askIf = info.question.askIf {
                parts.append("asked if " + wording(loops: info.loops).words(askIf))
            }
            if case .specify = spec.source { parts.append("only when the option with a specify text was chosen") }
            if case .optionOrder = spec.source { parts.append("the codes in the order the options were offered, first shown first") }
            return parts.isEmpty ? "asked of everyone reaching it" : parts.joined(separator: "; ")
        case let .computed(index, iteration):
            let info = instrument.computed[index]
            var parts = ["computed: " + info.variable.expression.source]
            parts += context(section: sectionOf(programIndex: info.programIndex), loops: info.loops, iteration: iteration)
            return parts.joined(separator: "; ")
        }
    }

    func wording(loops: [Int]) -> ConditionWording {
        guard let innermost = loops.last else { return ConditionWording(instrument: instrument) }
        let loop = instrument.loops[innermost]
        return ConditionWording(instrument: instrument, loopFrame: loop.frame, loopSource: loop.loop.source.questionID)
    }

    func sectionOf(programIndex: Int) -> Int? {
        instrument.sections.first { $0.startIndex <= programIndex && programIndex <= $0.endIndex }?.index
    }

    func context(section: Int?, loops: [Int], iteration: LoopPass) -> [String] {
        var parts: [String] = []
        let language = instrument.questionnaire.defaultLanguage
        if let section, let askIf = instrument.sections[section].section.askIf {
            parts.append("section \(instrument.sections[section].section.id) asked if " + ConditionWording(instrument: instrument).words(askIf))
        }
        for (level, l) in loops.enumerated() {
            let loop = instrument.loops[l]
            let pass = iteration.number(at: level)
            switch loop.loop.source {
            case .forEach(let q, _):
                let option = loop.frame.flatMap { pass >= 1 && pass <= $0.options.count ? $0.options[pass - 1] : nil }
                var text = "asked for each option chosen at \(q)"
                if let option { text += "; this column: \(option.label.text(in: language))" }
                parts.append(text)
            case .count(let q, _, _):
                parts.append("asked once for each of the \(q) (pass \(pass))")
            case .forEachOption(let name, _):
                let option = loop.frame.flatMap { pass >= 1 && pass <= $0.options.count ? $0.options[pass - 1] : nil }
                var text = "asked for each option of \(name)"
                if let option { text += "; this column: \(option.label.text(in: language))" }
                parts.append(text)
            }
            if let passIf = loop.loop.passIf {
                parts.append("that pass made only if " + wording(loops: Array(loops.prefix(level + 1))).words(passIf))
            }
            if let askIf = loop.loop.askIf {
                parts.append("loop \(loop.loop.id) asked if " + wording(loops: Array(loops.prefix(level + 1))).words(askIf))
            }
        }
        return parts
    }
}
