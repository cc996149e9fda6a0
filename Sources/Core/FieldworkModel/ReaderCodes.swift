import FieldworkDiagnostics

/// Codes for problems found while reading a questionnaire file (FW1xx). Each is listed in
/// docs/diagnostics.md with what to do about it.
extension DiagnosticCode {
    public static let invalidJSON: DiagnosticCode = "FW100"
    public static let unknownKey: DiagnosticCode = "FW101"
    public static let wrongType: DiagnosticCode = "FW102"
    public static let missingKey: DiagnosticCode = "FW103"
    public static let invalidValue: DiagnosticCode = "FW104"
    public static let duplicateKey: DiagnosticCode = "FW105"
    public static let unreadableFile: DiagnosticCode = "FW106"
    public static let expressionSyntax: DiagnosticCode = "FW110"
    public static let fillSyntax: DiagnosticCode = "FW111"
    public static let invalidIdentifier: DiagnosticCode = "FW112"
    public static let unknownEndOutcome: DiagnosticCode = "FW113"
    /// The file is larger than `InputLimits.questionnaireBytes` (FW5xx: resource limits).
    public static let questionnaireTooLarge: DiagnosticCode = "FW500"
    /// The file has more questions than `InputLimits.questionnaireQuestions`.
    public static let tooManyQuestions: DiagnosticCode = "FW501"
}
