/// A small questionnaire written from fuzz bytes, for the `engine` harness. Each byte makes one
/// choice (how many sections, which type a question is, which earlier answer a condition reads …),
/// so libFuzzer's mutations change the questionnaire's shape a little at a time. What it writes is
/// meant to pass the checker most of the time; what does not pass is simply not run.
///
/// It uses: every question type; `askIf` on sections, questions, loops and `end` items reading
/// earlier answers (comparisons, `in`, `dontknow`, `refused`, `answered`, `asked`, computed
/// booleans, `and`/`or`/`not`); hard and soft checks across answers; `count`, `forEach` and
/// `forEachOption` loops nested two deep, with `passIf`; computed variables; `end` items that close
/// the interview or suspend it; random and rotated option and section orders; option `showIf`,
/// `exclusive` and `specify`; an extra missing code; one or two languages.
struct SketchedQuestionnaire {
    private(set) var json = ""
    private var bytes: FuzzBytes
    private var counter = 0
    private var languages: [String]
    /// Answers a condition may read here: top-level ones, and those of the loops we are inside.
    private var readable: [Readable] = []
    private var loopDepth = 0
    private var itemBudget = 0

    private struct Readable {
        enum Kind { case single, multiple, integer, decimal, text, date, boolean, computedNumber, grid, statement }
        var id: String
        var kind: Kind
        var loopDepth: Int
        /// Option names, for choice questions.
        var options: [String] = []
        var isQuestion: Bool { kind != .boolean && kind != .computedNumber }
    }
    /// Whether `missingCodes.extra` declares `na`.
    private var hasExtra = false
    /// In a section asked in random or rotated order: conditions may read only what came before
    /// the section (`readable[..<sectionStart]`), and the section holds questions only.
    private var shuffledSectionStart: Int?

    init(_ bytes: inout FuzzBytes) {
        self.bytes = bytes
        languages = self.bytes.chance(4) ? ["en", "cy"] : ["en"]
        itemBudget = 4 + self.bytes.below(24)
        json = questionnaire()
        bytes = self.bytes
    }

    private mutating func nextID(_ prefix: String) -> String {
        counter += 1
        return "\(prefix)\(counter)"
    }

    private func text(_ words: String) -> String {
        languages.count == 1 ? "\"\(words)\"" : "{\"en\": \"\(words)\", \"cy\": \"\(words) (cy)\"}"
    }

    private mutating func questionnaire() -> String {
        let extra = bytes.chance(3)
        hasExtra = extra
        let missing = "{\"dontKnow\": -1, \"refused\": -2" + (extra ? ", \"extra\": [{\"name\": \"na\", \"code\": -3, \"label\": \"Not applicable\"}]" : "") + "}"
        let frames = """
            "codeFrames": {
              "yn": [{"code": 1, "name": "yes", "label": \(text("Yes"))}, {"code": 2, "name": "no", "label": \(text("No"))}],
              "abc": [{"code": 1, "name": "a", "label": \(text("A"))}, {"code": 2, "name": "b", "label": \(text("B"))},
                      {"code": 3, "name": "c", "label": \(text("C"))}, {"code": 9, "name": "none", "label": \(text("None"))\(bytes.chance(2) ? ", \"exclusive\": true" : "")}]
            }
            """
        var sections: [String] = []
        let sectionCount = 1 + bytes.below(3)
        for _ in 0..<sectionCount {
            sections.append(section())
        }
        let langs = languages.map { "\"\($0)\"" }.joined(separator: ", ")
        return """
            {"id": "sketch", "version": "1", "title": \(text("Sketch")), "languages": [\(langs)], "missingCodes": \(missing),
             \(frames),
             "sections": [\(sections.joined(separator: ",\n"))]}
            """
    }

    private mutating func section() -> String {
        let id = nextID("s")
        var keys = "\"id\": \"\(id)\", \"title\": \(text("Part \(id)"))"
        if bytes.chance(4), let condition = condition() { keys += ", \"askIf\": \"\(condition)\"" }
        let order = bytes.below(8)
        if order == 0 { keys += ", \"order\": \"random\"" } else if order == 1 { keys += ", \"order\": \"rotate\"" }
        shuffledSectionStart = order < 2 ? readable.count : nil
        var items: [String] = []
        let count = 1 + bytes.below(6)
        for _ in 0..<count where itemBudget > 0 {
            items.append(shuffledSectionStart == nil ? item() : question())
        }
        if items.isEmpty { items.append(question()) }
        shuffledSectionStart = nil
        return "{\(keys), \"items\": [\(items.joined(separator: ",\n  "))]}"
    }

    private mutating func item() -> String {
        switch bytes.below(16) {
        case 0 where loopDepth < 2: return loop()
        case 1: return computed()
        case 2: return end()
        default: return question()
        }
    }

    private mutating func question() -> String {
        itemBudget -= 1
        let id = nextID("q")
        var optionNames: [String] = []
        var keys = "\"id\": \"\(id)\", \"text\": \(text("Question \(id)?"))"
        let kind: Readable.Kind
        switch bytes.below(11) {
        case 0, 1:
            kind = .single
            keys += ", \"type\": \"single\"" + options(&optionNames)
        case 2:
            kind = .multiple
            keys += ", \"type\": \"multiple\"" + options(&optionNames)
            if bytes.chance(3) { keys += ", \"minChoices\": 1, \"maxChoices\": \(1 + bytes.below(3))" }
        case 3, 4:
            kind = .integer
            keys += ", \"type\": \"integer\""
            if !bytes.chance(4) { keys += ", \"min\": \(bytes.below(3))" }
            if !bytes.chance(4) { keys += ", \"max\": \(3 + bytes.below(20))" }
        case 5:
            kind = .decimal
            keys += ", \"type\": \"decimal\", \"decimals\": \(bytes.below(3)), \"min\": 0, \"max\": \(1 + bytes.below(50))"
        case 6:
            kind = .text
            keys += ", \"type\": \"text\", \"maxLength\": \(1 + bytes.below(20))"
        case 7:
            kind = .date
            keys += ", \"type\": \"date\""
            if bytes.chance(2) { keys += ", \"min\": \"2024-01-01\", \"max\": \"2024-03-01\"" }
        case 8:
            kind = .grid
            keys += ", \"type\": \"grid\", \"codeFrame\": \"yn\", \"items\": [{\"name\": \"g1\", \"text\": \(text("One"))}, {\"name\": \"g2\", \"text\": \(text("Two"))}]"
        case 9:
            kind = .statement
            keys += ", \"type\": \"statement\""
        default:
            kind = .single
            optionNames = ["yes", "no"]
            keys += ", \"type\": \"single\", \"codeFrame\": \"yn\""
        }
        if kind != .statement {
            if bytes.chance(6) { keys += ", \"allowDontKnow\": false" }
            if bytes.chance(6) { keys += ", \"allowRefused\": false" }
            if hasExtra && bytes.chance(4) { keys += ", \"allowMissing\": [\"na\"]" }
        }
        if bytes.chance(3), let condition = condition() { keys += ", \"askIf\": \"\(condition)\"" }
        if kind == .integer || kind == .decimal, bytes.chance(3) { keys += ", \"checks\": [\(check(id))]" }
        if kind != .statement { readable.append(Readable(id: id, kind: kind, loopDepth: loopDepth, options: optionNames)) }
        return "{\(keys)}"
    }

    private mutating func options(_ names: inout [String]) -> String {
        if bytes.chance(2) {
            let frame = bytes.chance(2) ? "yn" : "abc"
            names = frame == "yn" ? ["yes", "no"] : ["a", "b", "c", "none"]
            var keys = ", \"codeFrame\": \"\(frame)\""
            let order = bytes.below(6)
            if order == 0 { keys += ", \"order\": \"random\"" } else if order == 1 { keys += ", \"order\": \"rotate\"" }
            return keys
        }
        var written: [String] = []
        for (code, name) in [(1, "red"), (2, "green"), (3, "blue"), (4, "other"), (5, "nothing")].prefix(2 + bytes.below(4)) {
            var option = "{\"code\": \(code), \"name\": \"\(name)\", \"label\": \(text(name))"
            if name == "other", bytes.chance(2) { option += ", \"specify\": {\"maxLength\": 10, \"required\": \(bytes.chance(2))}" }
            if name == "nothing", bytes.chance(2) { option += ", \"exclusive\": true" }
            if bytes.chance(5), let condition = condition() { option += ", \"showIf\": \"\(condition)\"" }
            written.append(option + "}")
            names.append(name)
        }
        return ", \"options\": [\(written.joined(separator: ", "))]"
    }

    private mutating func check(_ id: String) -> String {
        let severity = bytes.chance(2) ? "hard" : "soft"
        let numbers = visible.filter { ($0.kind == .integer || $0.kind == .decimal || $0.kind == .computedNumber) && $0.loopDepth <= loopDepth }
        let require: String
        if !numbers.isEmpty && bytes.chance(2) {
            let other = numbers[bytes.below(numbers.count)].id
            require = "\(id) \(["<=", ">=", "!=", "<"][bytes.below(4)]) \(other)"
        } else {
            require = "\(id) \(["<=", ">=", "!="][bytes.below(3)]) \(bytes.below(10))"
        }
        return "{\"severity\": \"\(severity)\", \"require\": \"\(require)\", \"message\": \(text("Check {\(id)}"))}"
    }

    private mutating func computed() -> String {
        itemBudget -= 1
        let id = nextID("c")
        if bytes.chance(2), let condition = condition() {
            readable.append(Readable(id: id, kind: .boolean, loopDepth: loopDepth))
            return "{\"id\": \"\(id)\", \"type\": \"computed\", \"valueType\": \"boolean\", \"expression\": \"\(condition)\"}"
        }
        let numbers = readable.filter { $0.kind == .integer && $0.loopDepth == loopDepth }
        let expression = numbers.isEmpty ? "\(bytes.below(5))" : "\(numbers[bytes.below(numbers.count)].id) + \(bytes.below(5))"
        readable.append(Readable(id: id, kind: .computedNumber, loopDepth: loopDepth))
        return "{\"id\": \"\(id)\", \"type\": \"computed\", \"valueType\": \"integer\", \"expression\": \"\(expression)\"}"
    }

    private mutating func end() -> String {
        itemBudget -= 1
        let id = nextID("e")
        let outcome = ["hard-refusal", "soft-refusal", "out-of-scope", "named-contact-not-available"][bytes.below(4)]
        var keys = "\"id\": \"\(id)\", \"type\": \"end\", \"outcome\": \"\(outcome)\", \"text\": \(text("Goodbye"))"
        if let condition = condition() { keys += ", \"askIf\": \"\(condition)\"" }
        return "{\(keys)}"
    }

    private mutating func loop() -> String {
        itemBudget -= 1
        let id = nextID("l")
        var keys = "\"id\": \"\(id)\", \"type\": \"loop\""
        let integers = readable.filter { $0.kind == .integer && $0.loopDepth == loopDepth }
        let multiples = readable.filter { $0.kind == .multiple && $0.loopDepth == loopDepth }
        switch bytes.below(3) {
        case 0 where !integers.isEmpty:
            keys += ", \"count\": \"\(integers[bytes.below(integers.count)].id)\", \"max\": \(1 + bytes.below(3))"
        case 1 where !multiples.isEmpty:
            keys += ", \"forEach\": \"\(multiples[bytes.below(multiples.count)].id)\""
        default:
            keys += ", \"forEachOption\": \"\(bytes.chance(2) ? "yn" : "abc")\""
        }
        if bytes.chance(4), let condition = condition() { keys += ", \"askIf\": \"\(condition)\"" }
        if bytes.chance(4) { keys += ", \"passIf\": \"item.index \(["<", ">", "!="][bytes.below(3)]) \(1 + bytes.below(2))\"" }
        let outer = readable.count
        loopDepth += 1
        var items: [String] = []
        for _ in 0..<(1 + bytes.below(4)) where itemBudget > 0 {
            items.append(item())
        }
        if items.isEmpty { items.append(question()) }
        loopDepth -= 1
        // What was asked inside the loop is read from outside only per pass: out of reach here.
        readable.removeSubrange(outer...)
        return "{\(keys), \"items\": [\(items.joined(separator: ", "))]}"
    }

    /// A condition on answers readable here, or nil when there are none.
    private mutating func condition() -> String? {
        guard !visible.isEmpty else { return nil }
        var text = atom()
        // At most three more terms (past the end of the bytes every draw is 0, and chance is true).
        for _ in 0..<3 where bytes.chance(4) {
            text = bytes.chance(2) ? "(\(text)) and \(atom())" : "(\(text)) or \(atom())"
        }
        return bytes.chance(6) ? "not (\(text))" : text
    }

    /// What a condition here may read.
    private var visible: ArraySlice<Readable> { readable[..<(shuffledSectionStart ?? readable.count)] }

    private mutating func atom() -> String {
        let visible = self.visible
        let r = visible[visible.startIndex + bytes.below(visible.count)]
        switch r.isQuestion && r.kind != .grid ? bytes.below(8) : 8 {
        case 0: return "dontknow(\(r.id))"
        case 1: return "answered(\(r.id))"
        case 2: return "asked(\(r.id))"
        case 3: return "refused(\(r.id))"
        default: break
        }
        switch r.kind {
        case .single:
            let option = r.options.isEmpty ? "yes" : r.options[bytes.below(r.options.count)]
            return bytes.chance(2) ? "\(r.id) == '\(option)'" : "\(r.id) in ['\(option)', '\(r.options.first ?? "yes")']"
        case .multiple: return "'\(r.options.isEmpty ? "yes" : r.options[bytes.below(r.options.count)])' in \(r.id)"
        case .integer, .computedNumber: return "\(r.id) \([">", "<=", "==", "!="][bytes.below(4)]) \(bytes.below(6))"
        case .decimal: return "\(r.id) > \(bytes.below(20)).5"
        case .text: return "\(r.id) == 'a'"
        case .date: return "\(r.id) > date('2024-02-01')"
        case .boolean: return r.id
        case .grid: return bytes.chance(2) ? "asked(\(r.id).g1)" : "\(r.id).g2 == 'no'"
        case .statement: return "asked(\(r.id))"
        }
    }
}
