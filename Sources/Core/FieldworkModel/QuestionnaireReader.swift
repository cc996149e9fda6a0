import FieldworkBasics
import FieldworkDiagnostics
import FieldworkExpressions
import PositionedJSON

/// Turns questionnaire JSON into the model, reporting every structural problem with its position.
/// It keeps going after an error so a designer sees all problems in one run.
public struct QuestionnaireReader {
    public private(set) var diagnostics: [Diagnostic] = []
    private var languages: [String] = ["en"]
    private var defaultLanguage = "en"
    private var codeFrames: [String: CodeFrame] = [:]
    /// The extra non-answers declared in `missingCodes`, for the questions' `allowMissing`.
    private var extraMissing: [ExtraMissingCode] = []
    private let file: String

    static let rootKeys = ["id", "version", "title", "languages", "defaultLanguage", "missingCodes",
                           "targetMinutes", "sampleFields", "preload", "codeFrames", "optionSets", "sections"]
    static let optionSetKeys = ["codeFrame", "options"]
    static let sectionKeys = ["id", "title", "askIf", "items", "order"]
    static let questionKeys = ["id", "type", "text", "readAloud", "instruction", "label", "askIf", "options", "codeFrame",
                               "allowDontKnow", "allowRefused", "allowMissing", "checks", "min", "max", "unit", "decimals",
                               "maxLength", "minChoices", "maxChoices", "items", "identifier", "order"]
    static let loopKeys = ["id", "type", "forEach", "forEachOption", "count", "max", "askIf", "passIf", "items"]
    static let computedKeys = ["id", "type", "expression", "valueType", "label"]
    static let endKeys = ["id", "type", "outcome", "askIf", "text", "instruction"]
    static let optionKeys = ["code", "name", "label", "readOut", "exclusive", "specify", "showIf", "simulationWeight", "fixed"]
    static let checkKeys = ["id", "require", "message", "severity"]
    static let missingCodesKeys = ["dontKnow", "refused", "extra"]
    static let extraMissingKeys = ["name", "code", "label"]
    static let sampleFieldKeys = ["name", "type", "identifier", "required", "label"]
    static let preloadFieldKeys = ["name", "type", "label"]
    static let gridItemKeys = ["name", "text"]
    public static let questionTypes = ["single", "multiple", "integer", "decimal", "text", "date", "grid", "statement"]
    public static let itemTypes = questionTypes + ["loop", "computed", "end"]

    private init(file: String) { self.file = file }

    /// Reads a questionnaire from the bytes of a file; `file` is used in every location.
    /// A file over `maximumBytes` is refused with FW500 before it is parsed, one with more than
    /// `maximumQuestions` questions with FW501 (defaults: `InputLimits`).
    public static func read(
        bytes: [UInt8], file: String,
        maximumBytes: Int = InputLimits.questionnaireBytes,
        maximumQuestions: Int = InputLimits.questionnaireQuestions
    ) -> (Questionnaire?, [Diagnostic]) {
        if bytes.count > maximumBytes {
            return (nil, [tooLarge(bytes.count, limit: maximumBytes, file: file)])
        }
        let root: JSONNode
        do {
            root = try JSONReader.parse(bytes, file: file)
        } catch {
            return (nil, [.error(.invalidJSON, at: error.location, "invalid JSON: \(error.message)")])
        }
        return read(root: root, file: file, maximumQuestions: maximumQuestions)
    }

    /// Reads a questionnaire from an already-parsed JSON tree.
    public static func read(
        root: JSONNode, file: String, maximumQuestions: Int = InputLimits.questionnaireQuestions
    ) -> (Questionnaire?, [Diagnostic]) {
        // Counted on the JSON tree before anything is read: refusing costs a walk, not a model.
        if let tooMany = firstQuestion(past: maximumQuestions, in: root) { return (nil, [tooMany]) }
        var reader = QuestionnaireReader(file: file)
        let q = reader.readRoot(root)
        return (q, reader.diagnostics)
    }

    /// FW501 at the first question (in file order) past `limit`, or nil. Questions are counted
    /// where the reader reads them: the items of each section and, inside them, of each loop.
    static func firstQuestion(past limit: Int, in root: JSONNode) -> Diagnostic? {
        var count = 0
        // Loops nest at most half as deep as the JSON reader allows, so this recursion is shallow.
        func walk(_ items: [JSONNode]) -> Diagnostic? {
            for item in items {
                guard let type = item["type"]?.stringValue else { continue }
                if type == "loop" {
                    if let found = walk(item["items"]?.arrayValue ?? []) { return found }
                } else if questionTypes.contains(type) {
                    count += 1
                    if count > limit {
                        return .error(.tooManyQuestions, at: item.location,
                                      "this is question \(InputLimits.grouped(count)); a questionnaire may have at most \(InputLimits.grouped(limit)) questions (the limit); split the survey into several questionnaires")
                    }
                }
            }
            return nil
        }
        for section in root["sections"]?.arrayValue ?? [] {
            if let found = walk(section["items"]?.arrayValue ?? []) { return found }
        }
        return nil
    }

    /// FW500 for a file of `size` bytes over `limit`: what `fieldwork check` and every command
    /// that loads a questionnaire print (those reading a file check its size before reading it).
    public static func tooLarge(_ size: Int, limit: Int, file: String) -> Diagnostic {
        .error(.questionnaireTooLarge, at: .start(of: file),
               "the file is \(InputLimits.grouped(size)) bytes; a questionnaire may be at most \(InputLimits.describe(bytes: limit)) (\(InputLimits.grouped(limit)) bytes, the limit); split the survey into several questionnaires or move long texts out of it")
    }

    // MARK: Root

    private mutating func readRoot(_ node: JSONNode) -> Questionnaire? {
        guard let obj = ObjectReader(node, what: "questionnaire", allowed: Self.rootKeys, diagnostics: &diagnostics) else {
            return nil
        }
        let id = obj.string("id", required: true, &diagnostics)
        if let (value, loc) = id { validateIdentifier(value, at: loc, what: "questionnaire id") }
        let version = obj.string("version", required: true, &diagnostics)?.0 ?? ""
        if let (list, loc) = obj.array("languages", &diagnostics) {
            var langs: [String] = []
            for n in list {
                if case .string(let s) = n.value { langs.append(s.value) } else {
                    diagnostics.append(.error(.wrongType, at: n.location, "each language must be a code such as \"en\", found \(n.typeName)"))
                }
            }
            if langs.isEmpty { diagnostics.append(.error(.invalidValue, at: loc, "\"languages\" must name at least one language, such as [\"en\"]")) }
            else { languages = langs }
        }
        defaultLanguage = languages[0]
        if let (lang, loc) = obj.string("defaultLanguage", &diagnostics) {
            if languages.contains(lang) { defaultLanguage = lang } else {
                diagnostics.append(.error(.invalidValue, at: loc, "default language \(QuotedInput.quoted(lang)) is not in \"languages\" (\(languages.joined(separator: ", ")))"))
            }
        }
        var title = LocalizedText("", location: node.location)
        if let t = obj["title"] { title = readText(t, what: "title") ?? title }
        else { diagnostics.append(.error(.missingKey, at: node.location, "questionnaire needs \"title\"")) }

        var missing = MissingCodes()
        if let m = obj["missingCodes"], let mo = ObjectReader(m, what: "missingCodes", allowed: Self.missingCodesKeys, diagnostics: &diagnostics) {
            if let (dk, _) = mo.int("dontKnow", &diagnostics) { missing.dontKnow = dk }
            if let (rf, loc) = mo.int("refused", &diagnostics) {
                missing.refused = rf
                if rf == missing.dontKnow {
                    diagnostics.append(.error(.invalidValue, at: loc, "don't know and refused need different codes; both are \(rf)"))
                }
            }
            if let (list, _) = mo.array("extra", &diagnostics) {
                missing.extra = readExtraMissing(list, dontKnow: missing.dontKnow, refused: missing.refused)
                extraMissing = missing.extra
            }
        }
        var target = 30.0
        if let (t, loc) = obj.double("targetMinutes", &diagnostics) {
            if t > 0 { target = t } else { diagnostics.append(.error(.invalidValue, at: loc, "\"targetMinutes\" must be more than 0")) }
        }
        let sampleFields = readSampleFields(obj)
        let preloadFields = readPreloadFields(obj)
        let frames = readCodeFrames(obj)
        let optionSets = readOptionSets(obj)
        var sections: [Section] = []
        if let (list, loc) = obj.array("sections", required: true, &diagnostics) {
            if list.isEmpty { diagnostics.append(.error(.invalidValue, at: loc, "a questionnaire needs at least one section")) }
            for n in list { if let s = readSection(n) { sections.append(s) } }
        }
        return Questionnaire(id: id?.0 ?? "", version: version, title: title, languages: languages,
                             defaultLanguage: defaultLanguage, missingCodes: missing, targetMinutes: target,
                             sampleFields: sampleFields, codeFrames: frames, sections: sections, file: file, optionSets: optionSets,
                             preloadFields: preloadFields)
    }

    private mutating func readPreloadFields(_ obj: ObjectReader) -> [PreloadField] {
        guard let (list, _) = obj.array("preload", &diagnostics) else { return [] }
        var out: [PreloadField] = []
        for n in list {
            guard let fo = ObjectReader(n, what: "preload value", allowed: Self.preloadFieldKeys, diagnostics: &diagnostics) else { continue }
            guard let (name, nameLoc) = fo.string("name", required: true, &diagnostics) else { continue }
            validateIdentifier(name, at: nameLoc, what: "preload value name")
            var kind = PreloadField.Kind.text
            if let (k, loc) = fo.string("type", &diagnostics) {
                if let parsed = PreloadField.Kind(rawValue: k) { kind = parsed } else {
                    diagnostics.append(unknownWord(k, at: loc, what: "preload value type", among: PreloadField.Kind.allCases.map(\.rawValue)))
                }
            }
            let label = fo["label"].flatMap { readText($0, what: "label") }
            out.append(PreloadField(name: name, kind: kind, label: label, location: n.location))
        }
        return out
    }

    private mutating func readSampleFields(_ obj: ObjectReader) -> [SampleField] {
        guard let (list, _) = obj.array("sampleFields", &diagnostics) else { return [] }
        var out: [SampleField] = []
        for n in list {
            guard let fo = ObjectReader(n, what: "sample field", allowed: Self.sampleFieldKeys, diagnostics: &diagnostics) else { continue }
            guard let (name, nameLoc) = fo.string("name", required: true, &diagnostics) else { continue }
            validateIdentifier(name, at: nameLoc, what: "sample field name")
            var kind = SampleField.Kind.text
            if let (k, loc) = fo.string("type", &diagnostics) {
                if let parsed = SampleField.Kind(rawValue: k) { kind = parsed } else {
                    diagnostics.append(unknownWord(k, at: loc, what: "sample field type", among: ["text", "number", "phone"]))
                }
            }
            let label = fo["label"].flatMap { readText($0, what: "label") }
            out.append(SampleField(name: name, kind: kind,
                                   identifier: fo.bool("identifier", default: false, &diagnostics),
                                   required: fo.bool("required", default: true, &diagnostics),
                                   label: label, location: n.location))
        }
        return out
    }

    private mutating func readCodeFrames(_ obj: ObjectReader) -> [CodeFrame] {
        guard let node = obj["codeFrames"] else { return [] }
        guard case .object(let o) = node.value else {
            diagnostics.append(.error(.wrongType, at: node.location, "\"codeFrames\" must be an object mapping names to option lists, found \(node.typeName)"))
            return []
        }
        var out: [CodeFrame] = []
        var seen = Set<String>()
        for member in o.members {
            validateIdentifier(member.key, at: member.keyLocation, what: "code frame name")
            if !seen.insert(member.key).inserted {
                diagnostics.append(.error(.duplicateKey, at: member.keyLocation, "code frame \(QuotedInput.quoted(member.key)) is defined twice; keep one"))
                continue
            }
            guard case .array(let list) = member.value.value else {
                diagnostics.append(.error(.wrongType, at: member.value.location, "code frame \(QuotedInput.quoted(member.key)) must be a list of options, found \(member.value.typeName)"))
                continue
            }
            let frame = CodeFrame(name: member.key, options: list.compactMap { readOption($0) }, location: member.keyLocation)
            codeFrames[member.key] = frame
            out.append(frame)
        }
        return out
    }

    /// `"optionSets": {"online_crimes": {"codeFrame": "crimes", "options": ["hacking", "malware"]}}`.
    /// Frames and option names are checked by the checker (FW224), which knows every frame.
    private mutating func readOptionSets(_ obj: ObjectReader) -> [NamedOptionSet] {
        guard let node = obj["optionSets"] else { return [] }
        guard case .object(let o) = node.value else {
            diagnostics.append(.error(.wrongType, at: node.location, "\"optionSets\" must be an object mapping names to {\"codeFrame\": …, \"options\": […]}, found \(node.typeName)"))
            return []
        }
        var out: [NamedOptionSet] = []
        var seen = Set<String>()
        for member in o.members {
            validateIdentifier(member.key, at: member.keyLocation, what: "option set name")
            if !seen.insert(member.key).inserted {
                diagnostics.append(.error(.duplicateKey, at: member.keyLocation, "option set \(QuotedInput.quoted(member.key)) is defined twice; keep one"))
                continue
            }
            guard let so = ObjectReader(member.value, what: "option set", allowed: Self.optionSetKeys, diagnostics: &diagnostics),
                  let (frame, _) = so.string("codeFrame", required: true, &diagnostics),
                  let (list, listLocation) = so.array("options", required: true, &diagnostics) else { continue }
            var names: [String] = []
            var locations: [SourceLocation] = []
            for n in list {
                guard case .string(let s) = n.value else {
                    diagnostics.append(.error(.wrongType, at: n.location, "each option of a set is an option's short name in quotes, found \(n.typeName)"))
                    continue
                }
                names.append(s.value)
                locations.append(n.location)
            }
            if names.isEmpty { diagnostics.append(.error(.invalidValue, at: listLocation, "option set \(QuotedInput.quoted(member.key)) names no options")) }
            out.append(NamedOptionSet(name: member.key, frameName: frame, options: names, optionLocations: locations, location: member.keyLocation))
        }
        return out
    }

    // MARK: Sections and items

    private mutating func readSection(_ node: JSONNode) -> Section? {
        guard let so = ObjectReader(node, what: "section", allowed: Self.sectionKeys, diagnostics: &diagnostics) else { return nil }
        let id = so.string("id", required: true, &diagnostics)
        if let (v, loc) = id { validateIdentifier(v, at: loc, what: "section id") }
        let title = so["title"].flatMap { readText($0, what: "title") } ?? LocalizedText(id?.0 ?? "", location: node.location)
        let askIf = readCondition(so, "askIf")
        var items: [Item] = []
        if let (list, _) = so.array("items", required: true, &diagnostics) {
            for n in list { if let item = readItem(n) { items.append(item) } }
        }
        return Section(id: id?.0 ?? "", title: title, askIf: askIf, items: items, order: readOrder(so), location: node.location)
    }

    private mutating func readItem(_ node: JSONNode) -> Item? {
        guard case .object(let o) = node.value else {
            diagnostics.append(.error(.wrongType, at: node.location, "each item must be an object with \"type\" and \"id\", found \(node.typeName)"))
            return nil
        }
        guard let typeNode = o["type"] else {
            diagnostics.append(.error(.missingKey, at: node.location, "item needs \"type\": one of \(Self.itemTypes.joined(separator: ", "))"))
            return nil
        }
        guard case .string(let t) = typeNode.value else {
            diagnostics.append(.error(.wrongType, at: typeNode.location, "\"type\" must be a string, found \(typeNode.typeName)"))
            return nil
        }
        switch t.value {
        case "loop": return readLoop(node).map { .loop($0) }
        case "computed": return readComputed(node).map { .computed($0) }
        case "end": return readEnd(node).map { .end($0) }
        default:
            guard Self.questionTypes.contains(t.value) else {
                diagnostics.append(unknownWord(t.value, at: typeNode.location, what: "item type", among: Self.itemTypes))
                return nil
            }
            return readQuestion(node, type: t.value).map { .question($0) }
        }
    }

    /// `missingCodes.extra`: named non-answers, each with a code of its own.
    private mutating func readExtraMissing(_ list: [JSONNode], dontKnow: Int, refused: Int) -> [ExtraMissingCode] {
        var out: [ExtraMissingCode] = []
        for n in list {
            // Stata tags them .c to .z: 24 at most.
            if out.count == 24 {
                diagnostics.append(.error(.invalidValue, at: n.location, "at most 24 extra missing codes can be declared (Stata tags them .c to .z); remove this one"))
                break
            }
            guard let eo = ObjectReader(n, what: "extra missing code", allowed: Self.extraMissingKeys, diagnostics: &diagnostics),
                  let (name, nameLoc) = eo.string("name", required: true, &diagnostics),
                  let (code, codeLoc) = eo.int("code", required: true, &diagnostics) else { continue }
            validateIdentifier(name, at: nameLoc, what: "missing code name")
            if let first = out.first(where: { $0.name == name }) {
                diagnostics.append(.error(.invalidValue, at: nameLoc, "missing code name \(QuotedInput.quoted(name)) is already used at line \(first.location.line); give each extra missing code its own name"))
                continue
            }
            if code == dontKnow || code == refused || out.contains(where: { $0.code == code }) {
                let taken = code == dontKnow ? "the don't know code" : code == refused ? "the refused code" : "already used by \(QuotedInput.quoted(out.first { $0.code == code }!.name))"
                diagnostics.append(.error(.invalidValue, at: codeLoc, "missing code \(code) is \(taken); give \(QuotedInput.quoted(name)) a code of its own"))
                continue
            }
            var label = LocalizedText(name, location: n.location)
            if let l = eo["label"] { label = readText(l, what: "label") ?? label }
            else { diagnostics.append(.error(.missingKey, at: n.location, "extra missing code \(QuotedInput.quoted(name)) needs \"label\": what the interviewer sees and the export's value label")) }
            out.append(ExtraMissingCode(name: name, code: code, label: label, location: n.location))
        }
        return out
    }

    /// `allowMissing`: names of extra missing codes declared in `missingCodes.extra`.
    private mutating func readAllowMissing(_ qo: ObjectReader, questionID: String, isStatement: Bool) -> [String] {
        guard let (list, loc) = qo.array("allowMissing", &diagnostics) else { return [] }
        if isStatement, !list.isEmpty {
            diagnostics.append(.error(.invalidValue, at: loc, "statement \(QuotedInput.quoted(questionID)) records nothing, so it takes no \"allowMissing\"; remove it"))
            return []
        }
        var names: [String] = []
        for n in list {
            guard case .string(let s) = n.value else {
                diagnostics.append(.error(.wrongType, at: n.location, "each entry of \"allowMissing\" must be the name of a code in missingCodes.extra, found \(n.typeName)"))
                continue
            }
            let name = s.value
            guard extraMissing.contains(where: { $0.name == name }) else {
                var message = "\(QuotedInput.quoted(name)) is not declared in missingCodes.extra"
                if let near = NearMiss.suggestion(for: name, among: extraMissing.map(\.name)) { message += "; did you mean \(QuotedInput.quoted(near))?" }
                else { message += "; declare it there with a name, code and label" }
                diagnostics.append(.error(.invalidValue, at: n.location, message))
                continue
            }
            if !names.contains(name) { names.append(name) }
        }
        return names
    }

    private mutating func readQuestion(_ node: JSONNode, type: String) -> Question? {
        guard let qo = ObjectReader(node, what: "\(type) question", allowed: Self.questionKeys, diagnostics: &diagnostics) else { return nil }
        guard let (id, idLoc) = qo.string("id", required: true, &diagnostics) else { return nil }
        validateIdentifier(id, at: idLoc, what: "question id")
        var text = TemplateText(text: LocalizedText("", location: node.location), templates: [:], strings: [:])
        if let t = qo["text"] { text = readTemplate(t, what: "text") ?? text }
        else { diagnostics.append(.error(.missingKey, at: node.location, "question \(QuotedInput.quoted(id)) needs \"text\": the words to read aloud (or, with \"readAloud\": false, what the interviewer asks themself)")) }
        let instruction = qo["instruction"].flatMap { readTemplate($0, what: "instruction") }
        let label = qo["label"].flatMap { readText($0, what: "label") }
        let askIf = readCondition(qo, "askIf")

        // Options: inline or a named frame.
        var frame: CodeFrame?
        var frameName: String?
        let takesOptions = ["single", "multiple", "grid"].contains(type)
        if let (name, loc) = qo.string("codeFrame", &diagnostics) {
            frameName = name
            if let f = codeFrames[name] { frame = f } else {
                var message = "code frame \(QuotedInput.quoted(name)) is not defined in \"codeFrames\""
                if let s = NearMiss.suggestion(for: name, among: codeFrames.keys) { message += "; did you mean \(QuotedInput.quoted(s))?" }
                diagnostics.append(.error("FW203", at: loc, message))
            }
            if qo.has("options"), let n = qo["options"] {
                diagnostics.append(.error(.invalidValue, at: n.location, "give either \"options\" or \"codeFrame\", not both"))
            }
        } else if let (list, _) = qo.array("options", &diagnostics) {
            frame = CodeFrame(name: id, options: list.compactMap { readOption($0) }, location: node.location)
        }
        if takesOptions && frame == nil && frameName == nil {
            diagnostics.append(.error(.missingKey, at: node.location, "\(type) question \(QuotedInput.quoted(id)) needs \"options\" or \"codeFrame\""))
        }
        if !takesOptions, let n = qo["options"] ?? qo["codeFrame"] {
            diagnostics.append(.error(.invalidValue, at: n.location, "a \(type) question takes no options; remove this or change \"type\""))
        }

        let kind: QuestionKind
        switch type {
        case "single": kind = .single
        case "multiple":
            let minC = qo.int("minChoices", &diagnostics)?.0 ?? 1
            let maxC = qo.int("maxChoices", &diagnostics)
            if let (m, loc) = maxC, m < minC {
                diagnostics.append(.error("FW213", at: loc, "\"maxChoices\" (\(m)) is less than \"minChoices\" (\(minC))"))
            }
            kind = .multiple(minChoices: minC, maxChoices: maxC?.0)
        case "integer":
            let mn = qo.int("min", &diagnostics), mx = qo.int("max", &diagnostics)
            if let (a, _) = mn, let (b, loc) = mx, b < a {
                diagnostics.append(.error("FW213", at: loc, "\"max\" (\(b)) is less than \"min\" (\(a)): no answer could pass"))
            }
            kind = .integer(min: mn?.0, max: mx?.0, unit: qo.string("unit", &diagnostics)?.0)
        case "decimal":
            let mn = qo.double("min", &diagnostics), mx = qo.double("max", &diagnostics)
            if let (a, _) = mn, let (b, loc) = mx, b < a {
                diagnostics.append(.error("FW213", at: loc, "\"max\" (\(b)) is less than \"min\" (\(a)): no answer could pass"))
            }
            var decimals = 2
            if let (d, loc) = qo.int("decimals", &diagnostics) {
                if (0...6).contains(d) { decimals = d } else { diagnostics.append(.error(.invalidValue, at: loc, "\"decimals\" must be 0 to 6")) }
            }
            kind = .decimal(min: mn?.0, max: mx?.0, decimals: decimals, unit: qo.string("unit", &diagnostics)?.0)
        case "text":
            var maxLength = 200
            if let (m, loc) = qo.int("maxLength", &diagnostics) {
                if m >= 1 && m <= 100_000 { maxLength = m } else { diagnostics.append(.error(.invalidValue, at: loc, "\"maxLength\" must be 1 to 100000 characters")) }
            }
            kind = .text(maxLength: maxLength)
        case "date":
            let mn = qo.string("min", &diagnostics), mx = qo.string("max", &diagnostics)
            for case let (v, loc)? in [mn, mx] where !DateText.isValid(v) {
                diagnostics.append(.error(.invalidValue, at: loc, "\(QuotedInput.quoted(v)) is not a date; write it as YYYY-MM-DD"))
            }
            kind = .date(min: mn?.0, max: mx?.0)
        case "grid":
            var items: [GridItem] = []
            if let (list, loc) = qo.array("items", required: true, &diagnostics) {
                if list.isEmpty { diagnostics.append(.error(.invalidValue, at: loc, "a grid needs at least one item")) }
                for n in list {
                    guard let go = ObjectReader(n, what: "grid item", allowed: Self.gridItemKeys, diagnostics: &diagnostics),
                          let (name, nloc) = go.string("name", required: true, &diagnostics) else { continue }
                    validateIdentifier(name, at: nloc, what: "grid item name")
                    var t = TemplateText(text: LocalizedText(name, location: n.location), templates: [:], strings: [:])
                    if let tn = go["text"] { t = readTemplate(tn, what: "text") ?? t }
                    else { diagnostics.append(.error(.missingKey, at: n.location, "grid item \(QuotedInput.quoted(name)) needs \"text\"")) }
                    items.append(GridItem(name: name, text: t, location: n.location))
                }
            }
            kind = .grid(items: items)
        default:
            kind = .statement
        }
        if type != "grid", let n = qo["items"] {
            diagnostics.append(.error(.invalidValue, at: n.location, "only grid questions and loops have \"items\""))
        }

        var checks: [Check] = []
        if let (list, _) = qo.array("checks", &diagnostics) {
            for (i, n) in list.enumerated() {
                guard let co = ObjectReader(n, what: "check", allowed: Self.checkKeys, diagnostics: &diagnostics) else { continue }
                let cid = co.string("id", &diagnostics)?.0 ?? "\(id)_check\(i + 1)"
                guard let require = readCondition(co, "require", required: true) else { continue }
                var message = TemplateText(text: LocalizedText("", location: n.location), templates: [:], strings: [:])
                if let m = co["message"] { message = readTemplate(m, what: "message") ?? message }
                else { diagnostics.append(.error(.missingKey, at: n.location, "check needs \"message\": what the interviewer should say or fix")) }
                var severity = Check.Severity.hard
                if let (s, loc) = co.string("severity", &diagnostics) {
                    if let v = Check.Severity(rawValue: s) { severity = v } else {
                        diagnostics.append(unknownWord(s, at: loc, what: "check severity", among: ["hard", "soft"]))
                    }
                }
                checks.append(Check(id: cid, require: require, message: message, severity: severity, location: n.location))
            }
        }
        let isStatement = type == "statement"
        let order = readOrder(qo)
        if order.isDrawn && !takesOptions, let n = qo["order"] {
            diagnostics.append(.error(.invalidValue, at: n.location, "a \(type) question has no options to put in order; remove \"order\" or give it to a single, multiple or grid question"))
        }
        return Question(id: id, kind: kind, text: text, instruction: instruction, label: label, askIf: askIf,
                        frame: frame, frameName: frameName,
                        allowDontKnow: qo.bool("allowDontKnow", default: !isStatement, &diagnostics),
                        allowRefused: qo.bool("allowRefused", default: !isStatement, &diagnostics),
                        checks: checks, readAloud: qo.bool("readAloud", default: true, &diagnostics),
                        allowMissing: readAllowMissing(qo, questionID: id, isStatement: isStatement),
                        identifier: qo.bool("identifier", default: false, &diagnostics),
                        order: order, location: node.location)
    }

    /// `"order": "fixed" | "random" | "rotate"` (default as written).
    private mutating func readOrder(_ obj: ObjectReader) -> PresentationOrder {
        guard let (word, loc) = obj.string("order", &diagnostics) else { return .asWritten }
        guard let order = PresentationOrder(rawValue: word) else {
            diagnostics.append(unknownWord(word, at: loc, what: "order", among: PresentationOrder.allCases.map(\.rawValue)))
            return .asWritten
        }
        return order
    }

    private mutating func readLoop(_ node: JSONNode) -> Loop? {
        guard let lo = ObjectReader(node, what: "loop", allowed: Self.loopKeys, diagnostics: &diagnostics) else { return nil }
        guard let (id, idLoc) = lo.string("id", required: true, &diagnostics) else { return nil }
        validateIdentifier(id, at: idLoc, what: "loop id")
        let source: Loop.Source
        let sourceKeys = ["forEach", "forEachOption", "count"].filter { lo.has($0) }
        if sourceKeys.count > 1, let n = lo[sourceKeys[1]] {
            diagnostics.append(.error(.invalidValue, at: n.location, "a loop takes one of \"forEach\", \"forEachOption\" or \"count\", not \"\(sourceKeys[0])\" and \"\(sourceKeys[1])\""))
        }
        if let (q, loc) = lo.string("forEach", &diagnostics) {
            source = .forEach(questionID: q, location: loc)
        } else if let (list, loc) = lo.string("forEachOption", &diagnostics) {
            source = .forEachOption(listName: list, location: loc)
        } else if let (q, loc) = lo.string("count", &diagnostics) {
            var max = 20
            if let (m, mloc) = lo.int("max", &diagnostics) {
                if m >= 1 && m <= 1000 { max = m } else { diagnostics.append(.error(.invalidValue, at: mloc, "\"max\" must be 1 to 1000 iterations")) }
            }
            source = .count(questionID: q, max: max, location: loc)
        } else {
            diagnostics.append(.error(.missingKey, at: node.location, "loop \(QuotedInput.quoted(id)) needs \"forEach\" (a multiple-choice question), \"forEachOption\" (a code frame or option set) or \"count\" (an integer question)"))
            return nil
        }
        let askIf = readCondition(lo, "askIf")
        let passIf = readCondition(lo, "passIf")
        var items: [Item] = []
        if let (list, loc) = lo.array("items", required: true, &diagnostics) {
            if list.isEmpty { diagnostics.append(.warning(.invalidValue, at: loc, "loop \(QuotedInput.quoted(id)) has no items")) }
            for n in list { if let item = readItem(n) { items.append(item) } }
        }
        return Loop(id: id, source: source, askIf: askIf, passIf: passIf, items: items, location: node.location)
    }

    private mutating func readComputed(_ node: JSONNode) -> ComputedVariable? {
        guard let co = ObjectReader(node, what: "computed variable", allowed: Self.computedKeys, diagnostics: &diagnostics) else { return nil }
        guard let (id, idLoc) = co.string("id", required: true, &diagnostics) else { return nil }
        validateIdentifier(id, at: idLoc, what: "computed variable id")
        guard let expr = readCondition(co, "expression", required: true) else { return nil }
        var kind: ComputedVariable.ValueKind?
        if let (k, loc) = co.string("valueType", &diagnostics) {
            kind = ComputedVariable.ValueKind(rawValue: k)
            if kind == nil { diagnostics.append(unknownWord(k, at: loc, what: "valueType", among: ["integer", "decimal", "text", "boolean", "date"])) }
        }
        let label = co["label"].flatMap { readText($0, what: "label") }
        return ComputedVariable(id: id, expression: expr, valueKind: kind, label: label, location: node.location)
    }

    private mutating func readEnd(_ node: JSONNode) -> Endpoint? {
        guard let eo = ObjectReader(node, what: "end item", allowed: Self.endKeys, diagnostics: &diagnostics) else { return nil }
        guard let (id, idLoc) = eo.string("id", required: true, &diagnostics) else { return nil }
        validateIdentifier(id, at: idLoc, what: "end id")
        let names = InterviewEndOutcome.allCases.map(\.rawValue)
        guard let (word, wordLoc) = eo.string("outcome", required: true, &diagnostics) else { return nil }
        guard let outcome = InterviewEndOutcome(rawValue: word) else {
            var message = "\(QuotedInput.quoted(word)) is not an outcome an interview can end with; use one of \(names.joined(separator: ", "))"
            if let s = NearMiss.suggestion(for: word, among: names) { message += "; did you mean \(QuotedInput.quoted(s))?" }
            diagnostics.append(.error(.unknownEndOutcome, at: wordLoc, message))
            return nil
        }
        let askIf = readCondition(eo, "askIf")
        let text = eo["text"].flatMap { readTemplate($0, what: "text") }
        let instruction = eo["instruction"].flatMap { readTemplate($0, what: "instruction") }
        return Endpoint(id: id, outcome: outcome, askIf: askIf, text: text, instruction: instruction, location: node.location)
    }

    private mutating func readOption(_ node: JSONNode) -> Option? {
        guard let oo = ObjectReader(node, what: "option", allowed: Self.optionKeys, diagnostics: &diagnostics) else { return nil }
        guard let (code, _) = oo.int("code", required: true, &diagnostics) else { return nil }
        guard let (name, nloc) = oo.string("name", required: true, &diagnostics) else { return nil }
        validateIdentifier(name, at: nloc, what: "option name")
        var label = LocalizedText(name, location: node.location)
        var labelTemplate: TemplateText?
        if let l = oo["label"] {
            label = readText(l, what: "label") ?? label
            if label.byLanguage.values.contains(where: { $0.contains("{") || $0.contains("}") }) {
                labelTemplate = readTemplate(l, what: "label")
            }
        }
        else { diagnostics.append(.error(.missingKey, at: node.location, "option \(QuotedInput.quoted(name)) needs \"label\"")) }
        var specify: SpecifyText?
        if let s = oo["specify"] {
            switch s.value {
            case .bool(let b): specify = b ? SpecifyText() : nil
            case .object:
                if let so = ObjectReader(s, what: "specify", allowed: ["maxLength", "required"], diagnostics: &diagnostics) {
                    var spec = SpecifyText()
                    if let (m, loc) = so.int("maxLength", &diagnostics) {
                        if m >= 1 && m <= 100_000 { spec.maxLength = m } else { diagnostics.append(.error(.invalidValue, at: loc, "\"maxLength\" must be 1 to 100000")) }
                    }
                    spec.required = so.bool("required", default: true, &diagnostics)
                    specify = spec
                }
            default:
                diagnostics.append(.error(.wrongType, at: s.location, "\"specify\" must be true or an object like {\"maxLength\": 100}, found \(s.typeName)"))
            }
        }
        var option = Option(code: code, name: name, label: label,
                            readOut: oo.bool("readOut", default: true, &diagnostics),
                            exclusive: oo.bool("exclusive", default: false, &diagnostics),
                            specify: specify, showIf: readCondition(oo, "showIf"), location: node.location)
        option.labelTemplate = labelTemplate
        if oo.has("fixed") { option.fixed = oo.bool("fixed", default: false, &diagnostics) }
        if let node = oo["simulationWeight"], case .string = node.value {
            option.simulationWeightRule = readCondition(oo, "simulationWeight")
        } else if let (w, loc) = oo.double("simulationWeight", &diagnostics) {
            if w >= 0 && w <= 1_000_000 { option.simulationWeight = w }
            else { diagnostics.append(.error(.invalidValue, at: loc, "\"simulationWeight\" must be between 0 and 1000000")) }
        }
        return option
    }

    // MARK: Texts and expressions

    /// A text is a string (in the default language) or an object of language → string.
    private mutating func readText(_ node: JSONNode, what: String) -> LocalizedText? {
        readTextStrings(node, what: what).map { LocalizedText($0.mapValues { $0.value }, location: node.location) }
    }

    private mutating func readTextStrings(_ node: JSONNode, what: String) -> [String: JSONString]? {
        switch node.value {
        case .string(let s):
            return [defaultLanguage: s]
        case .object(let o):
            var out: [String: JSONString] = [:]
            for m in o.members {
                guard case .string(let s) = m.value.value else {
                    diagnostics.append(.error(.wrongType, at: m.value.location, "\(what) in \(QuotedInput.quoted(m.key)) must be a string, found \(m.value.typeName)"))
                    continue
                }
                if !languages.contains(m.key) {
                    diagnostics.append(.error(.invalidValue, at: m.keyLocation, "language \(QuotedInput.quoted(m.key)) is not declared in \"languages\" (\(languages.joined(separator: ", ")))"))
                }
                out[m.key] = s
            }
            for lang in languages where out[lang] == nil {
                diagnostics.append(.warning("FW220", at: node.location, "\(what) has no \(QuotedInput.quoted(lang)) text; the \(defaultLanguage) text will be shown instead"))
            }
            return out
        default:
            diagnostics.append(.error(.wrongType, at: node.location, "\(what) must be a string or an object of language → text, found \(node.typeName)"))
            return nil
        }
    }

    private mutating func readTemplate(_ node: JSONNode, what: String) -> TemplateText? {
        guard let strings = readTextStrings(node, what: what) else { return nil }
        var templates: [String: TextTemplate] = [:]
        for (lang, s) in strings {
            switch TextTemplate.parse(s.value) {
            case .success(let t): templates[lang] = t
            case .failure(let e):
                diagnostics.append(.error(.fillSyntax, at: s.location(ofScalarOffset: e.offset), "in text fill: \(e.message)"))
            }
        }
        return TemplateText(text: LocalizedText(strings.mapValues { $0.value }, location: node.location), templates: templates, strings: strings)
    }

    private mutating func readCondition(_ obj: ObjectReader, _ key: String, required: Bool = false) -> Condition? {
        guard let n = obj[key] else {
            if required { diagnostics.append(.error(.missingKey, at: obj.node.location, "\(obj.what) needs \(QuotedInput.quoted(key))")) }
            return nil
        }
        guard case .string(let s) = n.value else {
            diagnostics.append(.error(.wrongType, at: n.location, "\(QuotedInput.quoted(key)) must be an expression in a string, such as \"employees > 10\"; found \(n.typeName)"))
            return nil
        }
        switch ExpressionParser.parse(s.value) {
        case .success(let e):
            return Condition(source: s.value, expression: e, string: s, location: n.location)
        case .failure(let err):
            diagnostics.append(.error(.expressionSyntax, at: s.location(ofScalarOffset: err.offset), "in \(QuotedInput.quoted(key)): \(err.message)"))
            return Condition(source: s.value, expression: nil, string: s, location: n.location)
        }
    }

    // MARK: Helpers

    private mutating func validateIdentifier(_ name: String, at location: SourceLocation, what: String) {
        if !Identifier.isValid(name) {
            diagnostics.append(.error(.invalidIdentifier, at: location,
                "\(what) \(QuotedInput.quoted(name)) must start with a letter and use only letters, digits and _ (at most 32 characters), so it can become a variable name"))
        }
    }

    private func unknownWord(_ word: String, at location: SourceLocation, what: String, among: [String]) -> Diagnostic {
        var message = "unknown \(what) \(QuotedInput.quoted(word))"
        if let s = NearMiss.suggestion(for: word, among: among) { message += "; did you mean \(QuotedInput.quoted(s))?" }
        else { message += "; use one of \(among.joined(separator: ", "))" }
        return .error(.invalidValue, at: location, message)
    }
}
