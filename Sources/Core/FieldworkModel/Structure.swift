import FieldworkDiagnostics

/// A titled part of the interview, for navigation and progress.
public struct Section: Sendable, Hashable {
    public var id: String
    public var title: LocalizedText
    public var askIf: Condition?
    public var items: [Item]
    /// The order its questions are asked in (`"order"`); a drawn order needs questions that do not
    /// refer to one another (FW225).
    public var order: PresentationOrder
    public var location: SourceLocation
    public init(id: String, title: LocalizedText, askIf: Condition?, items: [Item], order: PresentationOrder = .asWritten,
                location: SourceLocation) {
        self.order = order
        self.id = id
        self.title = title
        self.askIf = askIf
        self.items = items
        self.location = location
    }
}

/// Anything that can stand in a section or a loop body.
public indirect enum Item: Sendable, Hashable {
    case question(Question)
    case loop(Loop)
    case computed(ComputedVariable)
    /// Ends the interview with an outcome when reached (and its condition holds).
    case end(Endpoint)

    public var id: String {
        switch self {
        case .question(let q): return q.id
        case .loop(let l): return l.id
        case .computed(let c): return c.id
        case .end(let e): return e.id
        }
    }

    public var location: SourceLocation {
        switch self {
        case .question(let q): return q.location
        case .loop(let l): return l.location
        case .computed(let c): return c.location
        case .end(let e): return e.location
        }
    }
}

/// A block repeated once per selected option of a multiple-choice answer (a victim form per crime
/// type experienced), a number of times given by an earlier answer, or once per option of a code
/// frame whatever was answered (a screener asking about each crime type in turn).
public struct Loop: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        /// Once per option chosen in this multiple-choice question, in code-frame order.
        case forEach(questionID: String, location: SourceLocation)
        /// Once per 1…n, n from this integer question, capped at `max`.
        case count(questionID: String, max: Int, location: SourceLocation)
        /// Once per option of a code frame, or of a named option set, in code-frame order (never an
        /// exclusive option): `"forEachOption": "crimetypes"`.
        case forEachOption(listName: String, location: SourceLocation)

        /// The question whose answer drives the passes; nil for a loop over a code frame's options.
        public var questionID: String? {
            switch self {
            case .forEach(let q, _), .count(let q, _, _): return q
            case .forEachOption: return nil
            }
        }

        /// The name written in the loop's source key: a question id, a code frame or an option set.
        public var name: String {
            switch self {
            case .forEach(let q, _), .count(let q, _, _): return q
            case .forEachOption(let n, _): return n
            }
        }

        public var location: SourceLocation {
            switch self {
            case .forEach(_, let l), .count(_, _, let l), .forEachOption(_, let l): return l
            }
        }
    }
    public var id: String
    public var source: Source
    public var askIf: Condition?
    /// Decides each pass on its own, with `item` standing for that pass: a pass whose condition is
    /// false is not made (`"passIf": "sc_had[item] == 'yes'"`).
    public var passIf: Condition?
    public var items: [Item]
    public var location: SourceLocation
    public init(id: String, source: Source, askIf: Condition?, passIf: Condition? = nil, items: [Item], location: SourceLocation) {
        self.id = id
        self.source = source
        self.passIf = passIf
        self.askIf = askIf
        self.items = items
        self.location = location
    }
}

/// A value derived from earlier answers, exported like a question.
public struct ComputedVariable: Sendable, Hashable {
    public enum ValueKind: String, Sendable, Hashable { case integer, decimal, text, boolean, date }
    public var id: String
    public var expression: Condition
    /// Declared type; checked against the expression's type.
    public var valueKind: ValueKind?
    public var label: LocalizedText?
    public var location: SourceLocation
    public init(id: String, expression: Condition, valueKind: ValueKind?, label: LocalizedText?, location: SourceLocation) {
        self.id = id
        self.expression = expression
        self.valueKind = valueKind
        self.label = label
        self.location = location
    }
}

/// A column of the sample the questionnaire uses. Identifiers (names, phone numbers) are shown to
/// interviewers but never exported unless asked for.
public struct SampleField: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case text, number, phone }
    public var name: String
    public var kind: Kind
    public var identifier: Bool
    public var required: Bool
    public var label: LocalizedText?
    public var location: SourceLocation
    public init(name: String, kind: Kind, identifier: Bool, required: Bool, label: LocalizedText?, location: SourceLocation) {
        self.name = name
        self.kind = kind
        self.identifier = identifier
        self.required = required
        self.label = label
        self.location = location
    }
}

/// The codes that don't know, refused and the extra non-answers carry into exports, where they
/// become missing values.
public struct MissingCodes: Sendable, Hashable {
    public var dontKnow: Int
    public var refused: Int
    /// Further named non-answers that questions may allow (`allowMissing`), in declaration order.
    public var extra: [ExtraMissingCode]
    public init(dontKnow: Int = -1, refused: Int = -2, extra: [ExtraMissingCode] = []) {
        self.dontKnow = dontKnow
        self.refused = refused
        self.extra = extra
    }

    /// The extra code with this name, if declared.
    public func extra(named name: String) -> ExtraMissingCode? {
        extra.first { $0.name == name }
    }
}

/// A whole instrument, as read from one file.
public struct Questionnaire: Sendable, Hashable {
    public var id: String
    public var version: String
    public var title: LocalizedText
    public var languages: [String]
    public var defaultLanguage: String
    public var missingCodes: MissingCodes
    /// The interview length the survey is budgeted for; the UI warns as it approaches.
    public var targetMinutes: Double
    public var sampleFields: [SampleField]
    /// Values from an earlier wave, keyed by case (`preload.name`).
    public var preloadFields: [PreloadField]
    public var codeFrames: [CodeFrame]
    /// Named groups of options, usable in conditions by name.
    public var optionSets: [NamedOptionSet]
    public var sections: [Section]
    public var file: String

    public init(id: String, version: String, title: LocalizedText, languages: [String], defaultLanguage: String,
                missingCodes: MissingCodes, targetMinutes: Double, sampleFields: [SampleField],
                codeFrames: [CodeFrame], sections: [Section], file: String, optionSets: [NamedOptionSet] = [],
                preloadFields: [PreloadField] = []) {
        self.optionSets = optionSets
        self.preloadFields = preloadFields
        self.id = id
        self.version = version
        self.title = title
        self.languages = languages
        self.defaultLanguage = defaultLanguage
        self.missingCodes = missingCodes
        self.targetMinutes = targetMinutes
        self.sampleFields = sampleFields
        self.codeFrames = codeFrames
        self.sections = sections
        self.file = file
    }

    public func codeFrame(named name: String) -> CodeFrame? { codeFrames.first { $0.name == name } }

    /// Every end item in document order, including those inside loops.
    public var allEndpoints: [Endpoint] {
        var out: [Endpoint] = []
        func walk(_ items: [Item]) {
            for item in items {
                switch item {
                case .end(let e): out.append(e)
                case .loop(let l): walk(l.items)
                case .question, .computed: break
                }
            }
        }
        for s in sections { walk(s.items) }
        return out
    }

    /// Every question in document order, including those inside loops.
    public var allQuestions: [Question] {
        var out: [Question] = []
        func walk(_ items: [Item]) {
            for item in items {
                switch item {
                case .question(let q): out.append(q)
                case .loop(let l): walk(l.items)
                case .computed, .end: break
                }
            }
        }
        for s in sections { walk(s.items) }
        return out
    }
}
