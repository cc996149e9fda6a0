import FieldworkDiagnostics
import FieldworkExpressions
import PositionedJSON

/// An expression written in the questionnaire, kept with its source so that every problem in it can
/// be reported at the exact line and column of the file.
public struct Condition: Sendable, Hashable {
    public var source: String
    /// Nil when the text did not parse; the reader has already reported why.
    public var expression: Expression?
    /// Where the JSON string holding the expression starts.
    public var string: JSONString
    public var location: SourceLocation

    public init(source: String, expression: Expression?, string: JSONString, location: SourceLocation) {
        self.source = source
        self.expression = expression
        self.string = string
        self.location = location
    }

    /// The file position of a scalar offset inside the expression text.
    public func location(ofOffset offset: Int) -> SourceLocation {
        string.location(ofScalarOffset: offset)
    }
}

/// Question text with `{…}` fills, parsed once so fills can be checked and resolved quickly.
public struct TemplateText: Sendable, Hashable {
    public var text: LocalizedText
    /// Parsed template per language; a language whose text failed to parse is missing here.
    public var templates: [String: TextTemplate]
    public var strings: [String: JSONString]

    public init(text: LocalizedText, templates: [String: TextTemplate], strings: [String: JSONString]) {
        self.text = text
        self.templates = templates
        self.strings = strings
    }
}
