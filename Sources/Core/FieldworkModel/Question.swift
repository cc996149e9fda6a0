import FieldworkDiagnostics
import FieldworkExpressions

/// What kind of answer a question takes, with the limits that the engine enforces.
public enum QuestionKind: Sendable, Hashable {
    case single
    case multiple(minChoices: Int, maxChoices: Int?)
    case integer(min: Int?, max: Int?, unit: String?)
    case decimal(min: Double?, max: Double?, decimals: Int, unit: String?)
    case text(maxLength: Int)
    case date(min: String?, max: String?)
    /// Several items rated on one code frame; each item becomes its own variable.
    case grid(items: [GridItem])
    /// Text read aloud with nothing to record (an introduction, a definition).
    case statement

    public var typeName: String {
        switch self {
        case .single: return "single"
        case .multiple: return "multiple"
        case .integer: return "integer"
        case .decimal: return "decimal"
        case .text: return "text"
        case .date: return "date"
        case .grid: return "grid"
        case .statement: return "statement"
        }
    }

    /// Whether the question takes options from a code frame.
    public var usesOptions: Bool {
        switch self {
        case .single, .multiple, .grid: return true
        default: return false
        }
    }
}

/// One row of a grid question.
public struct GridItem: Sendable, Hashable {
    public var name: String
    public var text: TemplateText
    public var location: SourceLocation
    public init(name: String, text: TemplateText, location: SourceLocation) {
        self.name = name
        self.text = text
        self.location = location
    }
}

/// A question as the designer wrote it.
public struct Question: Sendable, Hashable {
    public var id: String
    public var kind: QuestionKind
    /// Read aloud to the respondent, unless `readAloud` is false.
    public var text: TemplateText
    /// False for a question whose text is for the interviewer only ("INTERVIEWER: who are you
    /// speaking to?"): the text is shown as an instruction and never counted as read aloud.
    public var readAloud: Bool
    /// For the interviewer only; never read aloud.
    public var instruction: TemplateText?
    /// Short label for exports and the jump list; defaults to the text.
    public var label: LocalizedText?
    public var askIf: Condition?
    /// The options, resolved from an inline list or a named code frame.
    public var frame: CodeFrame?
    /// The named code frame used, if any.
    public var frameName: String?
    public var allowDontKnow: Bool
    public var allowRefused: Bool
    /// Names of the extra non-answers (`missingCodes.extra`) this question may record.
    public var allowMissing: [String]
    public var checks: [Check]
    /// The answer identifies the respondent (an e-mail address, a name): personal data, left out
    /// of exports unless they are asked for identifiers, like identifier sample fields.
    public var identifier: Bool
    /// The order the options are offered in (`"order"`).
    public var order: PresentationOrder
    public var location: SourceLocation

    public init(id: String, kind: QuestionKind, text: TemplateText, instruction: TemplateText? = nil,
                label: LocalizedText? = nil, askIf: Condition? = nil, frame: CodeFrame? = nil,
                frameName: String? = nil, allowDontKnow: Bool = true, allowRefused: Bool = true,
                checks: [Check] = [], readAloud: Bool = true, allowMissing: [String] = [], identifier: Bool = false,
                order: PresentationOrder = .asWritten, location: SourceLocation) {
        self.identifier = identifier
        self.order = order
        self.id = id
        self.allowMissing = allowMissing
        self.readAloud = readAloud
        self.kind = kind
        self.text = text
        self.instruction = instruction
        self.label = label
        self.askIf = askIf
        self.frame = frame
        self.frameName = frameName
        self.allowDontKnow = allowDontKnow
        self.allowRefused = allowRefused
        self.checks = checks
        self.location = location
    }
}
