import FieldworkBasics
import FieldworkDiagnostics
import FieldworkExpressions
import FieldworkModel

/// Finds a designer's mistakes before any call is made, and compiles a clean questionnaire into an
/// `Instrument` for the engine. Every finding carries the file position of the offending value.
public enum Checker {
    /// Reads and checks a questionnaire file's bytes.
    public static func check(bytes: [UInt8], file: String) -> (Instrument?, [Diagnostic]) {
        let (questionnaire, readDiagnostics) = QuestionnaireReader.read(bytes: bytes, file: file)
        guard let questionnaire else { return (nil, readDiagnostics.sortedForDisplay()) }
        let (instrument, checkDiagnostics) = check(questionnaire)
        let all = (readDiagnostics + checkDiagnostics).sortedForDisplay()
        return (all.hasErrors ? nil : instrument, all)
    }

    /// Checks a questionnaire that has been read; the instrument is nil when there are errors.
    public static func check(_ questionnaire: Questionnaire) -> (Instrument?, [Diagnostic]) {
        var builder = InstrumentBuilder(questionnaire)
        let instrument = builder.build()
        // A shared code frame is compiled once per question that uses it: report each finding once.
        var seen = Set<Diagnostic>()
        let diagnostics = builder.diagnostics.filter { seen.insert($0).inserted }
        return (diagnostics.hasErrors ? nil : instrument, diagnostics)
    }
}

/// Flattens the questionnaire into a program and compiles every expression against the names
/// visible at its place in the interview.
struct InstrumentBuilder {
    let questionnaire: Questionnaire
    var diagnostics: [Diagnostic] = []
    let registry: SymbolRegistry

    // Flattening results.
    var program: [ProgramNode] = []
    var questionRecords: [QuestionRecord] = []
    var computedRecords: [ComputedRecord] = []
    var loopRecords: [LoopRecord] = []
    var endRecords: [EndRecord] = []
    var sectionRecords: [(section: Section, start: Int, end: Int)] = []
    var frames: [String: CodeFrame] = [:]

    struct QuestionRecord {
        let question: Question
        let section: Int
        let loops: [Int]
        let programIndex: Int
        let frameName: String?
    }
    struct ComputedRecord {
        let variable: ComputedVariable
        let loops: [Int]
        let programIndex: Int
    }
    struct EndRecord {
        let endpoint: Endpoint
        let section: Int
        let loops: [Int]
        let programIndex: Int
    }
    struct LoopRecord {
        let loop: Loop
        let enclosing: [Int]
        var start: Int
        var end: Int
    }

    init(_ questionnaire: Questionnaire) {
        self.questionnaire = questionnaire
        self.registry = SymbolRegistry()
    }

    mutating func build() -> Instrument {
        for frame in questionnaire.codeFrames { frames[frame.name] = frame }
        flatten()
        registry.setUp(questions: questionRecords, computed: computedRecords, loops: loopRecords,
                       questionnaire: questionnaire, frames: frames)
        checkIdentifiers()
        checkFrames()
        checkOptionSets()

        // Loops: their sources must be earlier multiple-choice or integer questions.
        var loops: [LoopInfo] = []
        for (i, record) in loopRecords.enumerated() {
            loops.append(compileLoop(i, record))
        }
        var sections: [SectionInfo] = []
        for (i, record) in sectionRecords.enumerated() {
            let askIf = record.section.askIf.flatMap { compile($0, at: CompilationSite(position: record.start, loops: [], selfQuestion: nil), expecting: .boolean, what: "section askIf") }
            sections.append(SectionInfo(index: i, section: record.section, askIf: askIf, startIndex: record.start, endIndex: record.end))
            if record.section.items.isEmpty {
                diagnostics.append(.warning(.emptySection, at: record.section.location, "section \"\(record.section.id)\" has no items"))
            }
        }
        var questions: [QuestionInfo] = []
        for (i, record) in questionRecords.enumerated() { questions.append(compileQuestion(i, record)) }
        var computed: [ComputedInfo] = []
        for (i, record) in computedRecords.enumerated() {
            let compiled = registry.compiledComputed(i)
            computed.append(ComputedInfo(index: i, variable: record.variable, expression: compiled, loops: record.loops,
                                         symbol: registry.symbol(for: .computed(i, fixed: nil)), programIndex: record.programIndex))
        }
        let endpoints = endRecords.enumerated().map { compileEndpoint($0.offset, $0.element) }
        checkUnreachable(questions: questions, sections: sections, loops: loops)
        checkQuestionsAfterUnconditionalEnds(endpoints)
        diagnostics += DontKnowRouting(questions: questions, loops: loops, sections: sections, computed: computed,
                                       endpoints: endpoints, symbols: registry.definitions, program: program).diagnostics()
        let extents = NumericExtents(questions: questions, computed: computed, symbols: registry.definitions, loops: loops,
                                     sampleFieldIsNumber: questionnaire.sampleFields.map { $0.kind == .number }).computedExtents()
        let variables = VariablePlanner(questionnaire: questionnaire, questions: questions, computed: computed, loops: loops,
                                        computedExtents: extents).plan()
        checkVariableNames(variables)
        checkUnusedFrames()
        diagnostics += registry.diagnostics
        let instrument = Instrument(questionnaire: questionnaire, program: program, questions: questions, computed: computed,
                                    loops: loops, sections: sections, symbols: registry.definitions, frames: frames, variables: variables,
                                    endpoints: endpoints)
        diagnostics += DrawnOrderRules(instrument: instrument).diagnostics()
        return instrument
    }

    // MARK: Flattening

    mutating func flatten() {
        for (s, section) in questionnaire.sections.enumerated() {
            let start = program.count
            program.append(.sectionStart(s))
            sectionRecords.append((section, start, start))
            flatten(section.items, section: s, loops: [])
            sectionRecords[s].end = program.count
            program.append(.sectionEnd(s))
        }
    }

    mutating func flatten(_ items: [Item], section: Int, loops: [Int]) {
        for item in items {
            switch item {
            case .question(let q):
                var frameName = q.frameName
                if q.frame != nil && q.frameName == nil {
                    frameName = frames[q.id] == nil ? q.id : "\(q.id) options"
                    frames[frameName!] = q.frame
                }
                program.append(.question(questionRecords.count))
                questionRecords.append(QuestionRecord(question: q, section: section, loops: loops, programIndex: program.count - 1, frameName: frameName))
            case .end(let e):
                program.append(.end(endRecords.count))
                endRecords.append(EndRecord(endpoint: e, section: section, loops: loops, programIndex: program.count - 1))
            case .computed(let c):
                program.append(.computed(computedRecords.count))
                computedRecords.append(ComputedRecord(variable: c, loops: loops, programIndex: program.count - 1))
            case .loop(let l):
                let index = loopRecords.count
                if loops.count + 1 > LoopPass.maxDepth {
                    diagnostics.append(.error(.loopTooDeep, at: l.location, "loop \"\(l.id)\" is nested \(loops.count + 1) deep; at most \(LoopPass.maxDepth) levels are supported"))
                }
                loopRecords.append(LoopRecord(loop: l, enclosing: loops, start: program.count, end: program.count))
                program.append(.loopStart(index))
                flatten(l.items, section: section, loops: Array((loops + [index]).prefix(LoopPass.maxDepth)))
                loopRecords[index].end = program.count
                program.append(.loopEnd(index))
            }
        }
    }

    // MARK: Names

    mutating func checkIdentifiers() {
        var seen: [String: SourceLocation] = [:]
        func claim(_ id: String, _ location: SourceLocation, _ what: String, _ diagnostics: inout [Diagnostic]) {
            if let first = seen[id] {
                diagnostics.append(.error(.duplicateID, at: location, "\(what) id \"\(id)\" is already used at line \(first.line); ids must be unique"))
            } else {
                seen[id] = location
            }
        }
        for r in questionRecords { claim(r.question.id, r.question.location, "question", &diagnostics) }
        for r in computedRecords { claim(r.variable.id, r.variable.location, "computed variable", &diagnostics) }
        for r in loopRecords { claim(r.loop.id, r.loop.location, "loop", &diagnostics) }
        for r in endRecords { claim(r.endpoint.id, r.endpoint.location, "end", &diagnostics) }
        for reserved in ["sample", ReservedNames.preload, "item"] where seen[reserved] != nil {
            diagnostics.append(.error(.invalidValue, at: seen[reserved]!, "\"\(reserved)\" is a reserved name in expressions; choose another id"))
        }
        var sectionIDs: [String: SourceLocation] = [:]
        for s in questionnaire.sections {
            if let first = sectionIDs[s.id] {
                diagnostics.append(.error(.duplicateID, at: s.location, "section id \"\(s.id)\" is already used at line \(first.line)"))
            } else { sectionIDs[s.id] = s.location }
        }
        var sampleNames = Set<String>()
        for f in questionnaire.sampleFields where !sampleNames.insert(f.name).inserted {
            diagnostics.append(.error(.duplicateID, at: f.location, "sample field \"\(f.name)\" is declared twice"))
        }
        var preloadNames = Set<String>()
        for f in questionnaire.preloadFields where !preloadNames.insert(f.name).inserted {
            diagnostics.append(.error(.duplicateID, at: f.location, "preload value \"\(f.name)\" is declared twice"))
        }
        // Check ids within each question.
        for r in questionRecords {
            var checkIDs = Set<String>()
            for c in r.question.checks where !checkIDs.insert(c.id).inserted {
                diagnostics.append(.error(.duplicateCheckID, at: c.location, "check id \"\(c.id)\" is used twice in question \"\(r.question.id)\""))
            }
        }
    }

    /// Each named option set names a code frame and options of it; a clean one becomes usable in
    /// conditions. Names may not be taken by questions or computed variables.
    mutating func checkOptionSets() {
        let taken = Set(questionRecords.map(\.question.id) + computedRecords.map(\.variable.id))
        for set in questionnaire.optionSets {
            if taken.contains(set.name) {
                diagnostics.append(.error(.duplicateID, at: set.location, "option set \"\(set.name)\" has the name of a question or computed variable; rename it"))
                continue
            }
            guard let frame = frames[set.frameName], questionnaire.codeFrame(named: set.frameName) != nil else {
                var message = "option set \"\(set.name)\" uses code frame \"\(set.frameName)\", which is not defined in \"codeFrames\""
                if let s = NearMiss.suggestion(for: set.frameName, among: questionnaire.codeFrames.map(\.name)) { message += "; did you mean \"\(s)\"?" }
                diagnostics.append(.error(.undefinedCodeFrame, at: set.location, message))
                continue
            }
            let names = frame.options.map(\.name)
            var ok = true
            for (option, location) in zip(set.options, set.optionLocations) where !names.contains(option) {
                var message = "\"\(option)\" is not an option of code frame \"\(set.frameName)\""
                if let s = NearMiss.suggestion(for: option, among: names) { message += "; did you mean \"\(s)\"?" }
                diagnostics.append(.error(.badOptionSet, at: location, message))
                ok = false
            }
            guard ok else { continue }
            var info = frame.info
            info.name = set.frameName
            registry.addOptionSet(set.name, OptionSetInfo(frame: info, names: set.options))
        }
    }

    mutating func checkFrames() {
        var checked = Set<String>()
        for (name, frame) in frames.sorted(by: { $0.key < $1.key }) where checked.insert(name).inserted {
            if frame.options.isEmpty {
                diagnostics.append(.error(.emptyCodeFrame, at: frame.location, "code frame \"\(frame.name)\" has no options"))
            }
            var codes: [Int: SourceLocation] = [:]
            var names: [String: SourceLocation] = [:]
            for o in frame.options {
                if let first = codes[o.code] {
                    diagnostics.append(.error(.duplicateOptionCode, at: o.location, "option code \(o.code) is already used at line \(first.line) in \"\(frame.name)\"; codes must be unique within a list"))
                } else { codes[o.code] = o.location }
                if let first = names[o.name] {
                    diagnostics.append(.error(.duplicateOptionName, at: o.location, "option name \"\(o.name)\" is already used at line \(first.line) in \"\(frame.name)\"; short names must be unique within a list"))
                } else { names[o.name] = o.location }
                let m = questionnaire.missingCodes
                if o.code == m.dontKnow || o.code == m.refused {
                    let which = o.code == m.dontKnow ? "don't know" : "refused"
                    diagnostics.append(.error(.missingCodeClash, at: o.location, "option code \(o.code) is the \(which) code; give the option another code (don't know and refused are built in)"))
                } else if let extra = m.extra.first(where: { $0.code == o.code }) {
                    diagnostics.append(.error(.missingCodeClash, at: o.location, "option code \(o.code) is the code of the missing code \"\(extra.name)\" (missingCodes.extra); give the option another code"))
                }
            }
        }
        for r in questionRecords {
            let q = r.question
            if case .single = q.kind, let frame = q.frame {
                for o in frame.options where o.exclusive {
                    diagnostics.append(.warning(.exclusiveInSingle, at: o.location, "\"exclusive\" has no effect in single-choice question \"\(q.id)\""))
                }
            }
            if case .multiple(let minC, _) = q.kind, let frame = q.frame, minC > frame.options.count {
                diagnostics.append(.error(.emptyRange, at: q.location, "question \"\(q.id)\" needs at least \(minC) choices but has only \(frame.options.count) options"))
            }
        }
    }

    mutating func checkUnusedFrames() {
        var used = Set(questionRecords.compactMap { $0.question.frameName })
        // A loop over a frame's options (directly or through an option set) uses it too.
        for record in loopRecords {
            guard case .forEachOption(let name, _) = record.loop.source else { continue }
            used.insert(questionnaire.optionSets.first { $0.name == name }?.frameName ?? name)
        }
        for frame in questionnaire.codeFrames where !used.contains(frame.name) {
            diagnostics.append(.warning(.unusedCodeFrame, at: frame.location, "code frame \"\(frame.name)\" is never used"))
        }
    }

    // MARK: Compiling

    mutating func compile(_ condition: Condition, at site: CompilationSite, expecting: ValueType?, what: String) -> CompiledExpression? {
        registry.compile(condition, at: site, expecting: expecting, what: what)
    }

    mutating func compileText(_ text: TemplateText, at site: CompilationSite, what: String) -> CompiledText {
        registry.compileText(text, at: site, what: what)
    }

    mutating func compileLoop(_ index: Int, _ record: LoopRecord) -> LoopInfo {
        let loop = record.loop
        let site = CompilationSite(position: record.start, loops: record.enclosing, selfQuestion: nil)
        let askIf = loop.askIf.flatMap { compile($0, at: site, expecting: .boolean, what: "loop askIf") }
        var sourceQuestion: Int?
        var frame: CodeFrame?
        var maxIterations = 1
        var fixedPasses: [Int]?
        let passSite = CompilationSite(position: record.start, loops: record.enclosing + [index], selfQuestion: nil)
        let passIf = loop.passIf.flatMap { compile($0, at: passSite, expecting: .boolean, what: "loop passIf") }
        if case .forEachOption(let name, let location) = loop.source {
            if let options = registry.loopOptions(index) {
                frame = options.frame
                fixedPasses = options.passes
                maxIterations = options.passes.count
            } else {
                let names = questionnaire.codeFrames.map(\.name) + questionnaire.optionSets.map(\.name)
                var message = "loop \"\(loop.id)\" repeats over the options of \"\(name)\", which is not a code frame or option set"
                if questionnaire.optionSets.contains(where: { $0.name == name }) {
                    message = "loop \"\(loop.id)\" repeats over option set \"\(name)\", which has errors of its own; fix those first"
                } else if registry.questionIndex(id: name) != nil {
                    message += "; to repeat over the options chosen at question \"\(name)\", write \"forEach\""
                } else if let s = NearMiss.suggestion(for: name, among: names) {
                    message += "; did you mean \"\(s)\"?"
                }
                diagnostics.append(.error(.badLoopSource, at: location, message))
            }
        } else if let sourceID = loop.source.questionID, let qi = registry.questionIndex(id: sourceID) {
            let q = questionRecords[qi]
            sourceQuestion = qi
            if q.programIndex > record.start {
                diagnostics.append(.error(.forwardReference, at: loop.source.location, "loop \"\(loop.id)\" repeats over \"\(sourceID)\", which is asked later; move the question before the loop"))
            }
            if !q.loops.allSatisfy({ record.enclosing.contains($0) }) {
                diagnostics.append(.error(.outOfLoopReference, at: loop.source.location, "loop \"\(loop.id)\" repeats over \"\(sourceID)\", which is inside another loop; drive it from a question outside that loop"))
            }
            switch (loop.source, q.question.kind) {
            case (.forEach, .multiple):
                frame = q.question.frame
                maxIterations = frame?.options.filter { !$0.exclusive }.count ?? 0
            case (.count(_, let max, _), .integer(_, let qmax, _)):
                maxIterations = min(max, qmax ?? max, LoopPass.maxPerLevel)
            case (.forEach, _):
                diagnostics.append(.error(.badLoopSource, at: loop.source.location, "\"forEach\" needs a multiple-choice question, but \"\(sourceID)\" is \(q.question.kind.typeName); use \"count\" for a number"))
            case (.count, _):
                diagnostics.append(.error(.badLoopSource, at: loop.source.location, "\"count\" needs an integer question, but \"\(sourceID)\" is \(q.question.kind.typeName)"))
            case (.forEachOption, _):
                break
            }
        } else {
            let sourceID = loop.source.name
            var message = "loop \"\(loop.id)\" repeats over \"\(sourceID)\", which is not a question"
            if questionnaire.codeFrame(named: sourceID) != nil || questionnaire.optionSets.contains(where: { $0.name == sourceID }) {
                message += "; to repeat over every option of \"\(sourceID)\", write \"forEachOption\""
            } else if let s = NearMiss.suggestion(for: sourceID, among: questionRecords.map(\.question.id)) { message += "; did you mean \"\(s)\"?" }
            diagnostics.append(.error(.undefinedReference, at: loop.source.location, message))
        }
        return LoopInfo(index: index, loop: loop, askIf: askIf, sourceQuestion: sourceQuestion, frame: frame,
                        maxIterations: maxIterations, enclosing: record.enclosing, startIndex: record.start, endIndex: record.end,
                        fixedPasses: fixedPasses, passIf: passIf)
    }

    mutating func compileQuestion(_ index: Int, _ record: QuestionRecord) -> QuestionInfo {
        let q = record.question
        let site = CompilationSite(position: record.programIndex, loops: record.loops, selfQuestion: nil)
        let askIf = q.askIf.flatMap { compile($0, at: site, expecting: .boolean, what: "askIf of \"\(q.id)\"") }
        let checkSite = CompilationSite(position: record.programIndex, loops: record.loops, selfQuestion: index)
        var checks: [CompiledCheck] = []
        for c in q.checks {
            let compiled = compile(c.require, at: checkSite, expecting: .boolean, what: "check \"\(c.id)\"")
            if c.severity == .hard, let compiled { checkHardCheckCanPass(c, compiled, question: q) }
            let message = compileText(c.message, at: checkSite, what: "check message")
            checks.append(CompiledCheck(check: c, require: compiled, message: message))
        }
        var optionConditions: [Int: CompiledExpression] = [:]
        var optionLabels: [Int: CompiledText] = [:]
        for o in q.frame?.options ?? [] {
            if let showIf = o.showIf, let compiled = compile(showIf, at: site, expecting: .boolean, what: "showIf of option \"\(o.name)\"") {
                optionConditions[o.code] = compiled
            }
            if let template = o.labelTemplate, !template.templates.isEmpty {
                // Labels may carry fills too (e.g. "{sample.business_name}'s head office").
                optionLabels[o.code] = compileText(template, at: site, what: "label of option \"\(o.name)\"")
            }
        }
        let text = compileText(q.text, at: site, what: "text of \"\(q.id)\"")
        let instruction = q.instruction.map { compileText($0, at: site, what: "instruction of \"\(q.id)\"") }
        var gridTexts: [CompiledText] = []
        var gridSymbols: [SymbolID] = []
        var symbol: SymbolID?
        if case .grid(let items) = q.kind {
            for (gi, item) in items.enumerated() {
                gridTexts.append(compileText(item.text, at: site, what: "grid item text"))
                gridSymbols.append(registry.symbol(for: .answer(question: index, gridItem: gi, fixed: nil)))
            }
        } else if case .statement = q.kind {
            symbol = nil
        } else {
            symbol = registry.symbol(for: .answer(question: index, gridItem: nil, fixed: nil))
        }
        var weightRules: [CompiledExpression?] = []
        let options = q.frame?.options ?? []
        if options.contains(where: { $0.simulationWeightRule != nil }) {
            weightRules = options.map { o in
                o.simulationWeightRule.flatMap { compile($0, at: site, expecting: .decimal, what: "simulationWeight of option \"\(o.name)\"") }
            }
        }
        return QuestionInfo(index: index, question: q, section: record.section, loops: record.loops, askIf: askIf, checks: checks,
                            optionConditions: optionConditions, text: text, instruction: instruction, gridItemTexts: gridTexts,
                            optionLabels: optionLabels, symbol: symbol, gridSymbols: gridSymbols, programIndex: record.programIndex,
                            optionWeightRules: weightRules)
    }

    /// A hard check whose `require` is never true rejects every answer: the interview cannot get
    /// past the question. (A soft one only nags, and stays a warning.)
    mutating func checkHardCheckCanPass(_ check: Check, _ require: CompiledExpression, question: Question) {
        let why: String
        if let value = require.constantValue {
            // A missing require never fires (FW350 warns about it); only a constant false blocks.
            guard value == .boolean(false) else { return }
            why = "its require is always false"
        } else if let reason = require.neverHolds {
            why = reason
        } else {
            return
        }
        diagnostics.append(.error(.impossibleHardCheck, at: check.require.location(ofOffset: 0),
            "hard check \"\(check.id)\" of \"\(question.id)\" can never pass (\(why)), so no answer can get past it; fix the require, or the question's min/max"))
    }

    mutating func compileEndpoint(_ index: Int, _ record: EndRecord) -> EndpointInfo {
        let e = record.endpoint
        let site = CompilationSite(position: record.programIndex, loops: record.loops, selfQuestion: nil)
        let askIf = e.askIf.flatMap { compile($0, at: site, expecting: .boolean, what: "askIf of end \"\(e.id)\"") }
        let text = e.text.map { compileText($0, at: site, what: "text of end \"\(e.id)\"") }
        let instruction = e.instruction.map { compileText($0, at: site, what: "instruction of end \"\(e.id)\"") }
        return EndpointInfo(index: index, endpoint: e, section: record.section, loops: record.loops, askIf: askIf,
                            text: text, instruction: instruction, programIndex: record.programIndex)
    }

    /// An `end` without a condition outside any loop stops every interview that reaches it: the
    /// questions after it can never be asked.
    mutating func checkQuestionsAfterUnconditionalEnds(_ endpoints: [EndpointInfo]) {
        for info in endpoints where info.endpoint.askIf == nil && info.loops.isEmpty {
            let later = program[(info.programIndex + 1)...].filter { if case .question = $0 { return true } else { return false } }.count
            guard later > 0 else { continue }
            diagnostics.append(.warning(.unreachable, at: info.endpoint.location,
                "end \"\(info.endpoint.id)\" has no askIf, so the \(later) question\(later == 1 ? "" : "s") after it can never be asked; give it an askIf or move it last"))
        }
    }

    // MARK: Reachability

    mutating func checkUnreachable(questions: [QuestionInfo], sections: [SectionInfo], loops: [LoopInfo]) {
        func isConstantFalse(_ e: CompiledExpression?) -> Bool {
            guard let e, e.isConstant else { return false }
            return !e.evaluate(ConstantContext()).isTrue
        }
        var deadSections = Set<Int>()
        for s in sections where isConstantFalse(s.askIf) { deadSections.insert(s.index) }
        var deadLoops = Set<Int>()
        var deadQuestions = Set<Int>()
        // In program order so that dead drivers make their loops dead.
        for node in program {
            switch node {
            case .loopStart(let l):
                let info = loops[l]
                let driverDead = info.sourceQuestion.map { deadQuestions.contains($0) } ?? false
                if isConstantFalse(info.askIf) || driverDead || info.enclosing.contains(where: deadLoops.contains) || info.maxIterations == 0 {
                    deadLoops.insert(l)
                    if !info.enclosing.contains(where: deadLoops.contains) {
                        let why = driverDead ? "the question it repeats over, \"\(questions[info.sourceQuestion!].question.id)\", can never be asked" : "its condition can never be true"
                        diagnostics.append(.warning(.unreachable, at: info.loop.location, "loop \"\(info.loop.id)\" can never run: \(why)"))
                    }
                }
            case .question(let qi):
                let info = questions[qi]
                if deadSections.contains(info.section) || info.loops.contains(where: deadLoops.contains) {
                    deadQuestions.insert(qi)
                } else if isConstantFalse(info.askIf) {
                    deadQuestions.insert(qi)
                    diagnostics.append(.warning(.unreachable, at: info.question.location, "question \"\(info.question.id)\" can never be asked: its askIf is never true"))
                }
            default: break
            }
        }
        for s in deadSections {
            diagnostics.append(.warning(.unreachable, at: sections[s].section.location, "section \"\(sections[s].section.id)\" can never be asked: its askIf is never true"))
        }
    }

    // MARK: Export names

    mutating func checkVariableNames(_ variables: [VariableSpec]) {
        var seen: [String: VariableSpec] = [:]
        for v in variables {
            let key = v.name.lowercased()
            if let first = seen[key] {
                diagnostics.append(.error(.variableNameCollision, at: v.location,
                    "export variable \"\(v.name)\" collides with \"\(first.name)\" (from line \(first.location.line)); SPSS ignores case, so rename one of the questions or options"))
            } else { seen[key] = v }
            if let problem = ExportNameRules.problem(with: v.name, in: .spss) {
                diagnostics.append(.error(.invalidSPSSName, at: v.location, "export variable \"\(v.name)\" is not a valid SPSS name: \(problem); shorten or rename the id"))
            }
            if let problem = ExportNameRules.problem(with: v.name, in: .stata) {
                diagnostics.append(.error(.invalidStataName, at: v.location, "export variable \"\(v.name)\" is not a valid Stata name: \(problem); shorten or rename the id"))
            }
        }
    }
}

/// Evaluates constant expressions; any name is "not asked".
struct ConstantContext: EvaluationContext {
    func value(of symbol: SymbolID) -> RuntimeValue { .missing(.notAsked) }
}
