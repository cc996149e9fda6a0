import FieldworkBasics
import FieldworkDiagnostics
import FieldworkExpressions
import FieldworkModel

/// Where an expression stands in the interview, which decides what it may refer to.
struct CompilationSite {
    /// Program index of the place the expression belongs to; answers from here on are "later".
    var position: Int
    /// Enclosing loops, outermost first.
    var loops: [Int]
    /// A question's own answer is visible to its checks.
    var selfQuestion: Int?
}

/// Owns the symbol slots shared by every compiled expression of one instrument, and compiles
/// expressions against the names visible at their site. Computed variables are compiled on first
/// use, so they may refer to each other in any order; a cycle is reported.
final class SymbolRegistry {
    private(set) var definitions: [SymbolDefinition] = []
    private var slots: [SymbolDefinition: SymbolID] = [:]
    private(set) var diagnostics: [Diagnostic] = []

    private var questions: [InstrumentBuilder.QuestionRecord] = []
    private var computed: [InstrumentBuilder.ComputedRecord] = []
    private var loops: [InstrumentBuilder.LoopRecord] = []
    private var questionnaire: Questionnaire?
    private var frames: [String: CodeFrame] = [:]
    private var questionByID: [String: Int] = [:]
    private var computedByID: [String: Int] = [:]
    /// Named option sets that passed the checker, by name.
    private(set) var optionSets: [String: OptionSetInfo] = [:]

    private enum ComputedState {
        case compiling
        case done(CompiledExpression?, latestDependency: Int)
    }
    private var computedStates: [Int: ComputedState] = [:]
    private var compilingStack: [Int] = []

    func setUp(questions: [InstrumentBuilder.QuestionRecord], computed: [InstrumentBuilder.ComputedRecord],
               loops: [InstrumentBuilder.LoopRecord], questionnaire: Questionnaire, frames: [String: CodeFrame]) {
        self.questions = questions
        self.computed = computed
        self.loops = loops
        self.questionnaire = questionnaire
        self.frames = frames
        for (i, q) in questions.enumerated() where questionByID[q.question.id] == nil { questionByID[q.question.id] = i }
        for (i, c) in computed.enumerated() where computedByID[c.variable.id] == nil { computedByID[c.variable.id] = i }
    }

    func questionIndex(id: String) -> Int? { questionByID[id] }

    func addOptionSet(_ name: String, _ info: OptionSetInfo) { optionSets[name] = info }

    func symbol(for definition: SymbolDefinition) -> SymbolID {
        if let id = slots[definition] { return id }
        let id = SymbolID(definitions.count)
        definitions.append(definition)
        slots[definition] = id
        return id
    }

    // MARK: Compiling

    func compile(_ condition: Condition, at site: CompilationSite, expecting: ValueType?, what: String) -> CompiledExpression? {
        guard let expression = condition.expression else { return nil }
        let table = SiteSymbols(registry: self, site: site)
        let (compiled, issues) = ExpressionCompiler.compile(expression, symbols: table, expecting: expecting)
        for issue in issues {
            let code = table.codeOverrides[issue.message] ?? issue.code
            diagnostics.append(Diagnostic(issue.severity, code, at: condition.location(ofOffset: issue.range.lowerBound), "in \(what): \(issue.message)"))
        }
        return compiled
    }

    func compileText(_ text: TemplateText, at site: CompilationSite, what: String) -> CompiledText {
        var byLanguage: [String: [CompiledText.Segment]] = [:]
        for (lang, template) in text.templates {
            var segments: [CompiledText.Segment] = []
            for segment in template.segments {
                switch segment {
                case .literal(let s): segments.append(.literal(s))
                case .fill(let expression, let offset):
                    let table = SiteSymbols(registry: self, site: site)
                    let (compiled, issues) = ExpressionCompiler.compile(expression, symbols: table, expecting: nil)
                    for issue in issues {
                        let code = table.codeOverrides[issue.message] ?? issue.code
                        let location = text.strings[lang]?.location(ofScalarOffset: offset + issue.range.lowerBound) ?? text.text.location
                        diagnostics.append(Diagnostic(issue.severity, code, at: location, "in \(what): \(issue.message)"))
                    }
                    segments.append(compiled.map { .fill($0) } ?? .literal("{…}"))
                }
            }
            byLanguage[lang] = segments
        }
        return CompiledText(byLanguage: byLanguage, fallback: text.text.text(in: questionnaire?.defaultLanguage ?? "en"))
    }

    /// The compiled expression of computed variable `index`, compiling it now if needed.
    func compiledComputed(_ index: Int) -> CompiledExpression? {
        ensureComputed(index)
        if case .done(let e, _)? = computedStates[index] { return e }
        return nil
    }

    /// The program index of the latest answer a computed variable depends on, directly or through
    /// other computed variables, so a reference to it can be judged early or late.
    fileprivate func latestDependency(ofComputed index: Int) -> Int {
        ensureComputed(index)
        if case .done(_, let latest)? = computedStates[index] { return latest }
        return -1
    }

    fileprivate func isCompiling(_ index: Int) -> Bool {
        if case .compiling? = computedStates[index] { return true }
        return false
    }

    fileprivate var cycleDescription: (Int) -> String {
        { target in
            let names = self.compilingStack.drop(while: { $0 != target }).map { self.computed[$0].variable.id }
            return (names + [self.computed[target].variable.id]).joined(separator: " → ")
        }
    }

    private func ensureComputed(_ index: Int) {
        if computedStates[index] != nil { return }
        let record = computed[index]
        computedStates[index] = .compiling
        compilingStack.append(index)
        let site = CompilationSite(position: record.programIndex, loops: record.loops, selfQuestion: nil)
        let compiled = compile(record.variable.expression, at: site, expecting: nil, what: "computed \"\(record.variable.id)\"")
        compilingStack.removeLast()
        var latest = -1
        if let compiled {
            for ref in compiled.references {
                switch definitions[ref.raw] {
                case .answer(let q, _, _): latest = max(latest, questions[q].programIndex)
                case .computed(let c, _):
                    if case .done(_, let l)? = computedStates[c] { latest = max(latest, l) }
                default: break
                }
            }
            if let kind = record.variable.valueKind, !Self.type(compiled.resultType, fits: kind) {
                diagnostics.append(.error(.computedTypeMismatch, at: record.variable.expression.location,
                    "computed \"\(record.variable.id)\" is declared \(kind.rawValue) but its expression gives \(Self.describe(compiled.resultType))"))
            }
        }
        computedStates[index] = .done(compiled, latestDependency: latest)
    }

    static func type(_ type: ValueType, fits kind: ComputedVariable.ValueKind) -> Bool {
        switch (type, kind) {
        case (.integer, .integer), (.integer, .decimal), (.decimal, .decimal), (.text, .text), (.boolean, .boolean), (.date, .date): return true
        case (.choice, .integer): return true
        default: return false
        }
    }

    static func describe(_ type: ValueType) -> String {
        switch type {
        case .integer: return "a whole number"
        case .decimal: return "a number"
        case .text: return "text"
        case .date: return "a date"
        case .boolean: return "true or false"
        case .choice(let f): return "an option of \(f.name)"
        case .choices(let f): return "options of \(f.name)"
        case .list: return "a list"
        }
    }

    // MARK: Lookup support for SiteSymbols

    fileprivate func lookup(_ path: [String], index: IndexKey?, site: CompilationSite, overrides: inout [String: DiagnosticCode]) -> SymbolLookup {
        func invalid(_ code: DiagnosticCode, _ message: String) -> SymbolLookup {
            overrides[message] = code
            return .invalid(message)
        }
        guard let head = path.first else { return .notFound(suggestion: nil) }

        if optionSets[head] != nil, questionByID[head] == nil, computedByID[head] == nil {
            return invalid(.badOptionSet, "\"\(head)\" is an option set: use it after 'in' (q in \(head)) or in count(q, \(head)) and sum(x, \(head))")
        }

        if head == ReservedNames.interviewDate {
            return .found(SymbolInfo(id: symbol(for: .interviewDate), type: .date, range: nil, allowsDontKnow: false, allowsRefused: false, isAnswer: false))
        }

        if head == "sample" {
            let fields = questionnaire?.sampleFields ?? []
            guard path.count == 2 else { return invalid(.undefinedReference, "name a sample field, e.g. sample.\(fields.first?.name ?? "sector")") }
            guard let fi = fields.firstIndex(where: { $0.name == path[1] }) else {
                if fields.isEmpty { return invalid(.undefinedReference, "sample field \"\(path[1])\" is not declared; add it to \"sampleFields\"") }
                let s = NearMiss.suggestion(for: path[1], among: fields.map(\.name))
                return invalid(.undefinedReference, "sample field \"\(path[1])\" is not declared in \"sampleFields\"" + (s.map { "; did you mean \"sample.\($0)\"?" } ?? ""))
            }
            let type: ValueType = fields[fi].kind == .number ? .decimal : .text
            return .found(SymbolInfo(id: symbol(for: .sample(fi)), type: type, range: nil, allowsDontKnow: false, allowsRefused: false, isAnswer: false))
        }

        if head == ReservedNames.preload {
            let fields = questionnaire?.preloadFields ?? []
            guard path.count == 2 else { return invalid(.undefinedReference, "name a preload value, e.g. preload.\(fields.first?.name ?? "prev_total")") }
            guard let fi = fields.firstIndex(where: { $0.name == path[1] }) else {
                if fields.isEmpty { return invalid(.undefinedReference, "preload value \"\(path[1])\" is not declared; add it to \"preload\"") }
                let s = NearMiss.suggestion(for: path[1], among: fields.map(\.name))
                return invalid(.undefinedReference, "preload value \"\(path[1])\" is not declared in \"preload\"" + (s.map { "; did you mean \"preload.\($0)\"?" } ?? ""))
            }
            let type: ValueType = fields[fi].kind == .number ? .decimal : .text
            return .found(SymbolInfo(id: symbol(for: .preload(fi)), type: type, range: nil, allowsDontKnow: false, allowsRefused: false, isAnswer: false))
        }

        if head == "item" {
            guard let loop = site.loops.last else { return invalid(.outOfLoopReference, "\"item\" means the current pass of a loop and is only available inside one") }
            guard path.count == 2, let property = SymbolDefinition.LoopItemProperty(rawValue: path[1]) else {
                return invalid(.undefinedReference, "use item.label, item.name, item.code or item.index")
            }
            let type: ValueType = (property == .code || property == .index) ? .integer : .text
            let passes = loopPasses(loop)
            var range: ClosedRange<Double>?
            var known: KnownValues?
            switch (property, passes) {
            case (.index, .some(let p)):
                range = 1...Double(Swift.max(1, p.count))
            case (.code, .counted(let max)?):
                range = 1...Double(Swift.max(1, max))
            case (.name, .options(let options, let source)?):
                known = KnownValues(values: options.map { .text($0.name) }, origin: "the names of the options of \"\(source)\" that loop \"\(loops[loop].loop.id)\" repeats over")
            case (.code, .options(let options, let source)?):
                known = KnownValues(values: options.map { .number(Double($0.code)) }, origin: "the codes of the options of \"\(source)\" that loop \"\(loops[loop].loop.id)\" repeats over")
            default:
                break
            }
            return .found(SymbolInfo(id: symbol(for: .loopItem(property, loop: loop)), type: type, range: range, allowsDontKnow: false,
                                     allowsRefused: false, isAnswer: false, knownValues: known))
        }

        if let qi = questionByID[head] {
            let record = questions[qi]
            let q = record.question
            // Order: the answer must come before this place (a question's checks may use its own answer).
            if record.programIndex >= site.position && site.selfQuestion != qi {
                return invalid(.forwardReference, "\"\(head)\" is asked later than this; a condition can only use answers given earlier")
            }
            if case .statement = q.kind { return invalid(.undefinedReference, "\"\(head)\" is a statement and has no answer") }
            var gridItem: Int?
            if case .grid(let items) = q.kind {
                guard path.count == 2 else { return invalid(.undefinedReference, "\"\(head)\" is a grid; refer to one item, e.g. \(head).\(items.first?.name ?? "item")") }
                guard let gi = items.firstIndex(where: { $0.name == path[1] }) else {
                    let s = NearMiss.suggestion(for: path[1], among: items.map(\.name))
                    return invalid(.undefinedReference, "grid \"\(head)\" has no item \"\(path[1])\"" + (s.map { "; did you mean \"\(head).\($0)\"?" } ?? ""))
                }
                gridItem = gi
            } else if path.count > 1 {
                return invalid(.undefinedReference, "\"\(head)\" has no part \"\(path[1])\"")
            }
            let fixed: LoopPass
            switch resolvePass(loopsOf: record.loops, index: index, site: site, name: head) {
            case .success(let pass): fixed = pass
            case .failure(let problem): return invalid(problem.code, problem.message)
            }
            let pass: LoopPass? = fixed == .none ? nil : fixed
            let type: ValueType
            var range: ClosedRange<Double>?
            switch q.kind {
            case .single, .grid: type = .choice(frameInfo(record))
            case .multiple: type = .choices(frameInfo(record))
            case .integer(let mn, let mx, _):
                type = .integer
                if mn != nil || mx != nil { range = Double(mn ?? Int.min)...Double(mx ?? Int.max) }
            case .decimal(let mn, let mx, _, _):
                type = .decimal
                if mn != nil || mx != nil { range = (mn ?? -Double.greatestFiniteMagnitude)...(mx ?? Double.greatestFiniteMagnitude) }
            case .text: type = .text
            case .date: type = .date
            case .statement: type = .boolean
            }
            let id = symbol(for: .answer(question: qi, gridItem: gridItem, fixed: pass))
            return .found(SymbolInfo(id: id, type: type, range: range, allowsDontKnow: q.allowDontKnow, allowsRefused: q.allowRefused, isAnswer: true))
        }

        if let ci = computedByID[head] {
            let record = computed[ci]
            if path.count > 1 { return invalid(.undefinedReference, "computed \"\(head)\" has no part \"\(path[1])\"") }
            if isCompiling(ci) {
                return invalid(.computedCycle, "computed variables refer to each other in a cycle: \(cycleDescription(ci)); break the cycle")
            }
            let latest = latestDependency(ofComputed: ci)
            if latest >= site.position && site.selfQuestion.map({ questions[$0].programIndex }) != latest {
                return invalid(.forwardReference, "computed \"\(head)\" depends on answers given later than this; a condition can only use answers given earlier")
            }
            let fixed: LoopPass
            switch resolvePass(loopsOf: record.loops, index: index, site: site, name: head) {
            case .success(let pass): fixed = pass
            case .failure(let problem): return invalid(problem.code, problem.message)
            }
            guard let compiled = compiledComputed(ci) else {
                return invalid(.undefinedReference, "computed \"\(head)\" has errors of its own; fix those first")
            }
            let id = symbol(for: .computed(ci, fixed: fixed == .none ? nil : fixed))
            return .found(SymbolInfo(id: id, type: compiled.resultType, range: nil, allowsDontKnow: false, allowsRefused: false, isAnswer: false))
        }

        return .notFound(suggestion: suggestion(forUnknown: head))
    }

    /// Names a condition may use, sorted once for every "did you mean".
    private lazy var nameCandidates: [String] = {
        (Array(questionByID.keys) + Array(computedByID.keys) + ["sample", ReservedNames.preload, "item"]).sorted()
    }()

    /// How many unknown names still get a "did you mean": each one is compared with every name, so
    /// a file with thousands of unknown names (a broken generator, a pasted table) would take time
    /// growing with the square of its size. The first ones are the useful ones.
    private var suggestionsLeft = SymbolRegistry.suggestionBudget
    static let suggestionBudget = 200

    private func suggestion(forUnknown name: String) -> String? {
        guard suggestionsLeft > 0 else { return nil }
        suggestionsLeft -= 1
        return NearMiss.suggestion(for: name, among: nameCandidates)
    }

    /// `path` as one value per pass of its loop, when that loop is exactly one level deeper than
    /// the site (for `sum`, `count`, `any`, `all`).
    fileprivate func passSeries(_ path: [String], site: CompilationSite, overrides: inout [String: DiagnosticCode]) -> PassSeriesLookup {
        func invalid(_ code: DiagnosticCode, _ message: String) -> PassSeriesLookup {
            overrides[message] = code
            return .invalid(message)
        }
        guard let head = path.first else { return .notASeries }
        let target: [Int]
        if let qi = questionByID[head] { target = questions[qi].loops }
        else if let ci = computedByID[head] { target = computed[ci].loops }
        else { return .notASeries }
        let depth = site.loops.count
        // Visible in the current pass: an ordinary value, not a series.
        if target.count <= depth && Array(site.loops.prefix(target.count)) == target { return .notASeries }
        guard target.count > depth, Array(target.prefix(depth)) == site.loops else {
            let loop = loops[target.last!].loop.id
            return invalid(.outOfLoopReference, "\"\(head)\" is inside loop \"\(loop)\", which is not inside this place's loop; "
                           + "its passes can only be combined just outside it or from the pass of a loop around it")
        }
        guard target.count == depth + 1 else {
            let middle = loops[target[depth]].loop.id
            let inner = loops[target.last!].loop.id
            return invalid(.outOfLoopReference, "\"\(head)\" is inside loop \"\(inner)\", nested in loop \"\(middle)\"; combine it in two steps: "
                           + "a computed variable inside \"\(middle)\", e.g. sum(\(head)), then sum that here")
        }
        let loopIndex = target[depth]
        let record = loops[loopIndex]
        if record.end >= site.position {
            return invalid(.forwardReference, "loop \"\(record.loop.id)\" ends later than this; its passes can only be combined after the loop")
        }
        let inner = CompilationSite(position: site.position, loops: target, selfQuestion: site.selfQuestion)
        let element: SymbolInfo
        switch lookup(path, index: nil, site: inner, overrides: &overrides) {
        case .found(let info): element = info
        case .invalid(let message): return .invalid(message)
        case .notFound: return .notASeries
        }
        let sourceQuestion = record.loop.source.questionID.flatMap { questionByID[$0] }
        let driver = sourceQuestion.map { symbol(for: .answer(question: $0, gridItem: nil, fixed: nil)) }
        switch record.loop.source {
        case .count(_, let max, _):
            return .found(PassSeriesInfo(element: element, driver: driver, loopName: record.loop.id, maxPasses: max))
        case .forEach, .forEachOption:
            guard let options = loopOptions(loopIndex) else {
                // The loop's own error is reported elsewhere (FW206); bound the passes by what an iteration can hold.
                return .found(PassSeriesInfo(element: element, driver: driver, loopName: record.loop.id, maxPasses: LoopPass.maxPerLevel))
            }
            var passByName: [String: Int] = [:]
            for pass in options.passes { passByName[options.frame.options[pass - 1].name] = pass }
            return .found(PassSeriesInfo(element: element, driver: driver, loopName: record.loop.id, maxPasses: passByName.count,
                                         frame: options.frameInfo, passByName: passByName))
        }
    }

    /// The fixed loop pass for a reference, `.none` for the current pass, nil (with an override
    /// message recorded) when the reference cannot be resolved.
    struct PassProblem: Error {
        var message: String
        var code: DiagnosticCode
    }

    private func resolvePass(loopsOf target: [Int], index: IndexKey?, site: CompilationSite, name: String) -> Result<LoopPass, PassProblem> {
        func fail(_ message: String, _ code: DiagnosticCode) -> Result<LoopPass, PassProblem> { .failure(PassProblem(message: message, code: code)) }
        if target.isEmpty {
            if index != nil {
                return fail("\"\(name)\" is not inside a loop, so it takes no [pass]", .outOfLoopReference)
            }
            return .success(LoopPass.none)
        }
        let shared = target.count <= site.loops.count && Array(site.loops.prefix(target.count)) == target
        if shared && index == nil { return .success(LoopPass.none) }
        guard let index else {
            let loop = loops[target.last!].loop
            let oneDeeper = target.count == site.loops.count + 1 && Array(target.prefix(site.loops.count)) == site.loops
            let combine = "combine its passes: sum(\(name)) (count, any or all(\(name)) for true or false)"
            if oneDeeper && target.count > 1 {
                return fail("\"\(name)\" is inside loop \"\(loop.id)\"; from the pass of the loop around it, \(combine)", .outOfLoopReference)
            }
            return fail("\"\(name)\" is inside loop \"\(loop.id)\"; from outside it, name the pass, e.g. \(name)[\(examplePass(loop: target.last!))]"
                        + (oneDeeper ? ", or \(combine)" : ""), .outOfLoopReference)
        }
        guard target.count == 1 else {
            return fail("\"\(name)\" is inside nested loops; it can only be used from within them", .outOfLoopReference)
        }
        let loopIndex = target[0]
        let loop = loops[loopIndex].loop
        if loops[loopIndex].end >= site.position && !site.loops.contains(loopIndex) {
            return fail("loop \"\(loop.id)\" is asked later than this; a condition can only use answers given earlier", .forwardReference)
        }
        if case .name(ReservedNames.loopItem) = index {
            return samePass(loopsOf: target, site: site, name: name)
        }
        switch (loop.source, index) {
        case (.forEach, .name(let optionName)), (.forEachOption, .name(let optionName)):
            let source = loop.source.name
            guard let options = loopOptions(loopIndex), let position = options.frame.options.firstIndex(where: { $0.name == optionName }) else {
                let names = loopOptions(loopIndex)?.frame.options.map(\.name) ?? []
                let s = NearMiss.suggestion(for: optionName, among: names)
                return fail("\"\(optionName)\" is not an option of \"\(source)\", which loop \"\(loop.id)\" repeats over" + (s.map { "; did you mean \"\($0)\"?" } ?? ""), .undefinedReference)
            }
            guard options.passes.contains(position + 1) else {
                return fail("loop \"\(loop.id)\" makes no pass for \"\(optionName)\" (an exclusive option, or one outside its option set)", .undefinedReference)
            }
            return .success(LoopPass([position + 1]))
        case (.count(_, let max, _), .number(let n)):
            guard n >= 1 && n <= max else {
                return fail("pass \(n) of loop \"\(loop.id)\" does not exist; it runs at most \(max) times", .undefinedReference)
            }
            return .success(LoopPass([n]))
        case (.forEach, .number(let n)), (.forEachOption, .number(let n)):
            guard let options = loopOptions(loopIndex), let position = options.frame.options.firstIndex(where: { $0.code == n }) else {
                return fail("\(n) is not an option code of \"\(loop.source.name)\", which loop \"\(loop.id)\" repeats over", .undefinedReference)
            }
            return .success(LoopPass([position + 1]))
        case (.count, .name(let s)):
            return fail("loop \"\(loop.id)\" counts passes; name one by number, e.g. \(name)[1], not [\(s)]", .undefinedReference)
        }
    }

    /// `x[item]`: the pass of `x`'s loop for the option of the pass this expression stands in, for
    /// two loops over the same code frame one after the other (a screener loop, then the follow-up
    /// forms for the types answered yes). Pass numbers are frame positions in both, so the current
    /// pass number names the same option.
    private func samePass(loopsOf target: [Int], site: CompilationSite, name: String) -> Result<LoopPass, PassProblem> {
        let loop = loops[target[0]].loop
        guard let here = site.loops.last else {
            return .failure(PassProblem(message: "\"\(name)[item]\" names the pass of the loop this stands in, but this is outside any loop", code: .outOfLoopReference))
        }
        guard site.loops.count == 1, let mine = loopOptions(here), let theirs = loopOptions(target[0]), mine.frame.name == theirs.frame.name else {
            return .failure(PassProblem(message: "\"\(name)[item]\" needs this loop and loop \"\(loop.id)\" to repeat over the same code frame, outside other loops; name the pass instead, e.g. \(name)[\(examplePass(loop: target[0]))]",
                                        code: .outOfLoopReference))
        }
        return .success(LoopPass.none)
    }

    private func examplePass(loop: Int) -> String {
        switch loops[loop].loop.source {
        case .forEach, .forEachOption:
            return loopOptions(loop).flatMap { o in o.passes.first.map { o.frame.options[$0 - 1].name } } ?? "option"
        case .count: return "1"
        }
    }

    /// The passes a loop can make: the non-exclusive options it repeats over, or up to a number of
    /// counted passes; nil when its source is in error (reported elsewhere).
    private enum LoopPasses {
        case options([Option], source: String)
        case counted(Int)

        var count: Int {
            switch self {
            case .options(let options, _): return options.count
            case .counted(let max): return max
            }
        }
    }

    private func loopPasses(_ loop: Int) -> LoopPasses? {
        if let options = loopOptions(loop) {
            return .options(options.passes.map { options.frame.options[$0 - 1] }, source: options.sourceName)
        }
        guard case .count(let qid, let max, _) = loops[loop].loop.source, let qi = questionByID[qid],
              case .integer(_, let qmax, _) = questions[qi].question.kind else { return nil }
        return .counted(Swift.min(max, qmax ?? max, LoopPass.maxPerLevel))
    }

    /// The options a `forEach` or `forEachOption` loop repeats over: the code frame (pass n is its
    /// option n-1) and the pass numbers it can make (never an exclusive option; for an option set,
    /// only its options). Nil for a `count` loop, or when the source is in error (reported elsewhere).
    struct LoopOptions {
        var frame: CodeFrame
        var frameInfo: CodeFrameInfo
        var passes: [Int]
        /// The name written as the loop's source, for messages.
        var sourceName: String
    }

    func loopOptions(_ loop: Int) -> LoopOptions? {
        switch loops[loop].loop.source {
        case .count:
            return nil
        case .forEach(let qid, _):
            guard let qi = questionByID[qid], case .multiple = questions[qi].question.kind, let frame = questions[qi].question.frame else { return nil }
            let passes = frame.options.indices.filter { !frame.options[$0].exclusive }.map { $0 + 1 }
            return LoopOptions(frame: frame, frameInfo: frameInfo(questions[qi]), passes: passes, sourceName: qid)
        case .forEachOption(let name, _):
            if let frame = questionnaire?.codeFrame(named: name) {
                let passes = frame.options.indices.filter { !frame.options[$0].exclusive }.map { $0 + 1 }
                return LoopOptions(frame: frame, frameInfo: frame.info, passes: passes, sourceName: name)
            }
            guard let set = questionnaire?.optionSets.first(where: { $0.name == name }), optionSets[name] != nil,
                  let frame = questionnaire?.codeFrame(named: set.frameName) else { return nil }
            let wanted = Set(set.options)
            let passes = frame.options.indices.filter { !frame.options[$0].exclusive && wanted.contains(frame.options[$0].name) }.map { $0 + 1 }
            return LoopOptions(frame: frame, frameInfo: frame.info, passes: passes, sourceName: name)
        }
    }

    private var frameInfoCache: [String: CodeFrameInfo] = [:]

    private func frameInfo(_ record: InstrumentBuilder.QuestionRecord) -> CodeFrameInfo {
        let cacheKey = record.frameName ?? record.question.id
        if let cached = frameInfoCache[cacheKey] { return cached }
        var info = record.question.frame?.info ?? CodeFrameInfo(name: record.question.id, codesByName: [:], namesByCode: [:])
        info.name = record.frameName ?? record.question.id
        frameInfoCache[cacheKey] = info
        return info
    }
}

/// The names visible from one site, answered through the shared registry.
final class SiteSymbols: SymbolTable {
    let registry: SymbolRegistry
    let site: CompilationSite
    /// Messages of our own `.invalid` results mapped to the checker's codes.
    var codeOverrides: [String: DiagnosticCode] = [:]

    init(registry: SymbolRegistry, site: CompilationSite) {
        self.registry = registry
        self.site = site
    }

    func lookup(_ path: [String], index: IndexKey?) -> SymbolLookup {
        registry.lookup(path, index: index, site: site, overrides: &codeOverrides)
    }

    func optionSet(named name: String) -> OptionSetInfo? { registry.optionSets[name] }

    func passSeries(_ path: [String]) -> PassSeriesLookup {
        registry.passSeries(path, site: site, overrides: &codeOverrides)
    }
}
