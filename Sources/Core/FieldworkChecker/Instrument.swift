import FieldworkDiagnostics
import FieldworkExpressions
import FieldworkModel

/// A questionnaire that passed the checker, flattened into a program the engine can step through
/// quickly: every condition compiled, every name resolved to a slot.
public final class Instrument: Sendable {
    public let questionnaire: Questionnaire
    public let program: [ProgramNode]
    public let questions: [QuestionInfo]
    public let computed: [ComputedInfo]
    public let loops: [LoopInfo]
    public let sections: [SectionInfo]
    /// The `end` items, in questionnaire order.
    public let endpoints: [EndpointInfo]
    public let symbols: [SymbolDefinition]
    /// Frames by the name the expression language knows them by (inline frames by question id).
    public let frames: [String: CodeFrame]
    /// The export variables, in file order.
    public let variables: [VariableSpec]
    /// Question count after a program position, for progress estimates without walking ahead.
    public let questionsAfter: [Int]
    /// Loops around each question and computed variable, counted once: evaluation needs the depth
    /// on every answer it reads, and reading it from `QuestionInfo` cost a retain each time.
    public let questionLoopDepth: [Int]
    public let computedLoopDepth: [Int]
    /// The sample fields' names and whether each is numeric, by declaration order: read for every
    /// interview, without copying the field declarations.
    public let sampleFieldNames: [String]
    public let sampleFieldIsNumber: [Bool]
    /// The preload values' names and whether each is numeric, by declaration order.
    public let preloadFieldNames: [String]
    public let preloadFieldIsNumber: [Bool]
    /// Where the engine keeps each occurrence's answer.
    public let answerSlots: AnswerSlots
    /// Which answers each computed variable depends on.
    public let computedDependencies: ComputedDependencies
    /// How many decimal places each computed variable keeps and how large it can be, from the
    /// declarations of what it reads (see `NumericExtent`).
    public let computedExtents: [NumericExtent]
    private let questionIndexByID: [String: Int]
    private let computedIndexByID: [String: Int]

    public init(questionnaire: Questionnaire, program: [ProgramNode], questions: [QuestionInfo], computed: [ComputedInfo],
                loops: [LoopInfo], sections: [SectionInfo], symbols: [SymbolDefinition], frames: [String: CodeFrame],
                variables: [VariableSpec], endpoints: [EndpointInfo] = []) {
        self.questionnaire = questionnaire
        self.endpoints = endpoints
        self.program = program
        self.questions = questions
        self.computed = computed
        self.loops = loops
        self.sections = sections
        self.symbols = symbols
        self.frames = frames
        self.variables = variables
        var after = [Int](repeating: 0, count: program.count + 1)
        for i in stride(from: program.count - 1, through: 0, by: -1) {
            if case .question = program[i] { after[i] = after[i + 1] + 1 } else { after[i] = after[i + 1] }
        }
        self.questionsAfter = after
        self.questionLoopDepth = questions.map(\.loops.count)
        self.computedLoopDepth = computed.map(\.loops.count)
        self.answerSlots = AnswerSlots(questions: questions, loops: loops)
        self.sampleFieldNames = questionnaire.sampleFields.map(\.name)
        self.sampleFieldIsNumber = questionnaire.sampleFields.map { $0.kind == .number }
        self.preloadFieldNames = questionnaire.preloadFields.map(\.name)
        self.preloadFieldIsNumber = questionnaire.preloadFields.map { $0.kind == .number }
        self.computedDependencies = ComputedDependencies(computed: computed, symbols: symbols)
        self.computedExtents = NumericExtents(questions: questions, computed: computed, symbols: symbols, loops: loops,
                                              sampleFieldIsNumber: questionnaire.sampleFields.map { $0.kind == .number }).computedExtents()
        var q: [String: Int] = [:]
        for (i, info) in questions.enumerated() where q[info.question.id] == nil { q[info.question.id] = i }
        questionIndexByID = q
        var c: [String: Int] = [:]
        for (i, info) in computed.enumerated() where c[info.variable.id] == nil { c[info.variable.id] = i }
        computedIndexByID = c
    }

    public func questionIndex(id: String) -> Int? { questionIndexByID[id] }

    /// True when any expression reads `today()`: interviews then journal their date when they start.
    public var usesInterviewDate: Bool { symbols.contains(.interviewDate) }

    /// True when some question's options or some section's questions come in a random or rotated
    /// order: interviews then journal a seed when they start.
    public var usesDrawnOrder: Bool {
        questions.contains { $0.question.order.isDrawn } || sections.contains { $0.section.order.isDrawn }
    }

    /// The numeric extent of a value `expression` gives here (a fill, a condition's operand).
    public func numericExtent(of expression: CompiledExpression) -> NumericExtent {
        let extents = NumericExtents(questions: questions, computed: computed, symbols: symbols, loops: loops,
                                     sampleFieldIsNumber: sampleFieldIsNumber)
        return expression.numericExtent { extents.symbol($0) { self.computedExtents[$0] } }
    }

    /// The numeric extent of a question's answers.
    public func numericExtent(ofQuestion q: Int) -> NumericExtent { NumericExtents.question(questions[q]) }
    public func computedIndex(id: String) -> Int? { computedIndexByID[id] }
}

/// One step of the flattened questionnaire.
public enum ProgramNode: Sendable, Hashable {
    case sectionStart(Int)
    case sectionEnd(Int)
    case loopStart(Int)
    case loopEnd(Int)
    case question(Int)
    case computed(Int)
    /// An `end` item (index into `Instrument.endpoints`).
    case end(Int)
}

public final class CompiledCheck: Sendable {
    public let check: Check
    public let require: CompiledExpression?
    public let message: CompiledText

    public init(check: Check, require: CompiledExpression?, message: CompiledText) {
        self.check = check
        self.require = require
        self.message = message
    }
}

/// Text with its fills compiled, per language.
public struct CompiledText: Sendable {
    public enum Segment: Sendable {
        case literal(String)
        case fill(CompiledExpression)
    }
    public let byLanguage: [String: [Segment]]
    public let fallback: String

    public init(byLanguage: [String: [Segment]], fallback: String) {
        self.byLanguage = byLanguage
        self.fallback = fallback
    }

    public func segments(in language: String) -> [Segment] {
        byLanguage[language] ?? byLanguage["en"] ?? byLanguage.values.first ?? [.literal(fallback)]
    }

    /// The number of words read aloud, with fills counted as one word each.
    public func wordCount(in language: String) -> Int {
        var n = 0
        for s in segments(in: language) {
            switch s {
            case .literal(let t): n += t.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).count
            case .fill: n += 1
            }
        }
        return n
    }
}

public final class QuestionInfo: Sendable {
    public let index: Int
    public let question: Question
    public let section: Int
    /// Enclosing loops, outermost first.
    public let loops: [Int]
    public let askIf: CompiledExpression?
    public let checks: [CompiledCheck]
    /// Option code → condition under which the option is offered.
    public let optionConditions: [Int: CompiledExpression]
    public let text: CompiledText
    public let instruction: CompiledText?
    public let gridItemTexts: [CompiledText]
    public let optionLabels: [Int: CompiledText]
    /// Symbol for the answer in the current loop pass (grid questions: per item).
    public let symbol: SymbolID?
    public let gridSymbols: [SymbolID]
    public let programIndex: Int

    /// Option code → position in the frame, for look-ups without copying options.
    public let optionIndexByCode: [Int: Int]
    public let exclusiveCodes: Set<Int>
    public let specifyCodes: Set<Int>
    public let kind: QuestionKind
    public let allowDontKnow: Bool
    public let allowRefused: Bool
    /// Day numbers of a date question's bounds, parsed once.
    public let dateMin: Int?
    public let dateMax: Int?
    /// The frame laid out by option position, so the engine's hot loops (options on offer, random
    /// answers) read plain arrays instead of copying `Option` values or hashing codes.
    public let optionCodes: [Int]
    public let optionWeights: [Double]
    public let optionIsExclusive: [Bool]
    public let optionHasSpecify: [Bool]
    /// Simulation weights worked out in the interview, by position (nil: the fixed weight); empty
    /// when no option has one.
    public let optionWeightRules: [CompiledExpression?]
    /// The showIf condition of each option, by position (nil: always offered).
    public let optionConditionsByPosition: [CompiledExpression?]
    /// Code → position + 1 (0: no such option) for the usual small codes, read without hashing.
    private let densePositions: [Int32]

    public init(index: Int, question: Question, section: Int, loops: [Int], askIf: CompiledExpression?, checks: [CompiledCheck], optionConditions: [Int: CompiledExpression], text: CompiledText, instruction: CompiledText?, gridItemTexts: [CompiledText], optionLabels: [Int: CompiledText], symbol: SymbolID?, gridSymbols: [SymbolID], programIndex: Int,
                optionWeightRules: [CompiledExpression?] = []) {
        self.index = index
        self.optionWeightRules = optionWeightRules
        self.question = question
        self.section = section
        self.loops = loops
        self.askIf = askIf
        self.checks = checks
        self.optionConditions = optionConditions
        self.text = text
        self.instruction = instruction
        self.gridItemTexts = gridItemTexts
        self.optionLabels = optionLabels
        self.symbol = symbol
        self.gridSymbols = gridSymbols
        self.programIndex = programIndex
        var byCode: [Int: Int] = [:]
        var exclusive = Set<Int>()
        var specify = Set<Int>()
        for (n, o) in (question.frame?.options ?? []).enumerated() {
            if byCode[o.code] == nil { byCode[o.code] = n }
            if o.exclusive { exclusive.insert(o.code) }
            if o.specify != nil { specify.insert(o.code) }
        }
        self.optionIndexByCode = byCode
        let options = question.frame?.options ?? []
        self.optionCodes = options.map(\.code)
        self.optionWeights = options.map(\.simulationWeight)
        self.optionIsExclusive = options.map(\.exclusive)
        self.optionHasSpecify = options.map { $0.specify != nil }
        self.optionConditionsByPosition = options.map { optionConditions[$0.code] }
        let largest = options.map(\.code).max() ?? -1
        var dense = [Int32](repeating: 0, count: options.allSatisfy({ $0.code >= 0 }) && largest < 4096 ? largest + 1 : 0)
        if !dense.isEmpty { for (code, n) in byCode { dense[code] = Int32(n + 1) } }
        self.densePositions = dense
        self.exclusiveCodes = exclusive
        self.specifyCodes = specify
        self.kind = question.kind
        self.allowDontKnow = question.allowDontKnow
        self.allowRefused = question.allowRefused
        if case .date(let mn, let mx) = question.kind {
            self.dateMin = mn.flatMap(DateText.dayNumber)
            self.dateMax = mx.flatMap(DateText.dayNumber)
        } else {
            self.dateMin = nil
            self.dateMax = nil
        }
    }

    /// The position in the frame of the option with this code.
    public func optionPosition(code: Int) -> Int? {
        if densePositions.isEmpty { return optionIndexByCode[code] }
        guard code >= 0, code < densePositions.count else { return nil }
        let p = Int(densePositions[code])
        return p == 0 ? nil : p - 1
    }
}

public final class ComputedInfo: Sendable {
    public let index: Int
    public let variable: ComputedVariable
    public let expression: CompiledExpression?
    public let loops: [Int]
    public let symbol: SymbolID
    public let programIndex: Int

    public init(index: Int, variable: ComputedVariable, expression: CompiledExpression?, loops: [Int], symbol: SymbolID, programIndex: Int) {
        self.index = index
        self.variable = variable
        self.expression = expression
        self.loops = loops
        self.symbol = symbol
        self.programIndex = programIndex
    }
}

public final class LoopInfo: Sendable {
    public let index: Int
    public let loop: Loop
    public let askIf: CompiledExpression?
    /// The driving question.
    public let sourceQuestion: Int?
    /// For forEach and forEachOption loops: the code frame repeated over (pass n = option n-1 of it).
    public let frame: CodeFrame?
    public let maxIterations: Int
    public let enclosing: [Int]
    public let startIndex: Int
    public let endIndex: Int
    public var depth: Int { enclosing.count + 1 }
    /// The frame's codes and names by position, for `item.code` and `item.name` without copying options.
    public let frameCodes: [Int]
    public let frameNames: [String]
    public let frameExclusive: [Bool]
    /// For a loop over a code frame's options (`forEachOption`): its pass numbers, whatever was
    /// answered; nil for a loop driven by a question.
    public let fixedPasses: [Int]?
    /// The loop's `passIf`, evaluated in each pass (`item` is that pass).
    public let passIf: CompiledExpression?

    public init(index: Int, loop: Loop, askIf: CompiledExpression?, sourceQuestion: Int?, frame: CodeFrame?, maxIterations: Int, enclosing: [Int], startIndex: Int, endIndex: Int,
                fixedPasses: [Int]? = nil, passIf: CompiledExpression? = nil) {
        self.index = index
        self.loop = loop
        self.askIf = askIf
        self.fixedPasses = fixedPasses
        self.passIf = passIf
        self.sourceQuestion = sourceQuestion
        self.frame = frame
        self.maxIterations = maxIterations
        self.enclosing = enclosing
        self.startIndex = startIndex
        self.endIndex = endIndex
        self.frameCodes = frame?.options.map(\.code) ?? []
        self.frameNames = frame?.options.map(\.name) ?? []
        self.frameExclusive = frame?.options.map(\.exclusive) ?? []
    }
}

public final class SectionInfo: Sendable {
    public let index: Int
    public let section: Section
    public let askIf: CompiledExpression?
    public let startIndex: Int
    public let endIndex: Int

    public init(index: Int, section: Section, askIf: CompiledExpression?, startIndex: Int, endIndex: Int) {
        self.index = index
        self.section = section
        self.askIf = askIf
        self.startIndex = startIndex
        self.endIndex = endIndex
    }
}

/// What a resolved name in an expression stands for.
public enum SymbolDefinition: Sendable, Hashable {
    public enum LoopItemProperty: String, Sendable, Hashable { case code, name, label, index }
    /// An answer. `fixed` pins the loop pass (`q[burglary]` from outside the loop); otherwise the
    /// current pass is used.
    case answer(question: Int, gridItem: Int?, fixed: LoopPass?)
    case computed(Int, fixed: LoopPass?)
    case sample(Int)
    /// A value from an earlier wave (`preload.name`), by declaration order in `"preload"`.
    case preload(Int)
    case loopItem(LoopItemProperty, loop: Int)
    /// `today()`: the date of the interview, fixed when it starts and journalled.
    case interviewDate
}
