import FieldworkDiagnostics

/// Diagnostic codes for expressions, FW300–FW399; each is explained in docs/expressions.md.
public enum ExpressionCodes {
    // Syntax
    public static let syntax: DiagnosticCode = "FW300"
    public static let templateSyntax: DiagnosticCode = "FW301"
    /// More binary operators than `Parser.maximumOperators` in one expression or fill.
    public static let tooManyOperators: DiagnosticCode = "FW302"
    // Names
    public static let unknownName: DiagnosticCode = "FW310"
    public static let invalidReference: DiagnosticCode = "FW311"
    // Types
    public static let incomparable: DiagnosticCode = "FW320"
    public static let operandType: DiagnosticCode = "FW321"
    public static let notBoolean: DiagnosticCode = "FW322"
    public static let wrongResultType: DiagnosticCode = "FW323"
    public static let multipleChoiceEquality: DiagnosticCode = "FW324"
    public static let unorderable: DiagnosticCode = "FW325"
    public static let badInOperand: DiagnosticCode = "FW326"
    public static let misplacedList: DiagnosticCode = "FW327"
    // Code frames
    public static let unknownCode: DiagnosticCode = "FW330"
    public static let unknownOptionName: DiagnosticCode = "FW331"
    public static let differentFrames: DiagnosticCode = "FW332"
    // Functions
    public static let unknownFunction: DiagnosticCode = "FW340"
    public static let argumentCount: DiagnosticCode = "FW341"
    public static let predicateNeedsAnswer: DiagnosticCode = "FW342"
    public static let argumentType: DiagnosticCode = "FW343"
    public static let badDate: DiagnosticCode = "FW344"
    /// `sum`/`any`/`all` (or a pass filter) on something that is not a loop's value one level deeper.
    public static let aggregateArgument: DiagnosticCode = "FW345"
    /// A `matches(…)` pattern that cannot be read.
    public static let badPattern: DiagnosticCode = "FW346"
    // Logic warnings
    public static let neverTrue: DiagnosticCode = "FW350"
    public static let alwaysTrue: DiagnosticCode = "FW351"
    public static let contradiction: DiagnosticCode = "FW352"
    public static let outsideRange: DiagnosticCode = "FW353"
    public static let predicateNeverTrue: DiagnosticCode = "FW354"
    public static let divisionByZero: DiagnosticCode = "FW355"
}

/// A finding about one expression; the caller maps `range` into a file location.
public struct ExpressionIssue: Sendable, Hashable, CustomStringConvertible {
    /// Unicode-scalar offsets in the expression source.
    public var range: Range<Int>
    public var severity: Severity
    public var code: DiagnosticCode
    public var message: String

    public init(range: Range<Int>, severity: Severity, code: DiagnosticCode, message: String) {
        self.range = range
        self.severity = severity
        self.code = code
        self.message = message
    }

    public var description: String { "\(range.lowerBound)..<\(range.upperBound): \(severity.rawValue): [\(code)] \(message)" }
}

extension ExpressionIssue {
    /// The issue as a file diagnostic, given where the expression text starts in the file
    /// (for an expression inside a JSON string: the location just after the opening quote).
    public func diagnostic(expressionStart: SourceLocation) -> Diagnostic {
        Diagnostic(severity, code, at: expressionStart.advanced(byColumns: range.lowerBound), message)
    }
}

extension ExpressionSyntaxError {
    /// The error as a file diagnostic; `code` is FW300 for expressions, FW301 for templates.
    public func diagnostic(expressionStart: SourceLocation, code: DiagnosticCode = ExpressionCodes.syntax) -> Diagnostic {
        Diagnostic(.error, code, at: expressionStart.advanced(byColumns: offset), message)
    }
}
