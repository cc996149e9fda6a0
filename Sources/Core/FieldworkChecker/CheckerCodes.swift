import FieldworkDiagnostics

/// Codes for problems the checker finds in a well-formed questionnaire (FW2xx). Listed with advice
/// in docs/diagnostics.md.
extension DiagnosticCode {
    public static let duplicateID: DiagnosticCode = "FW200"
    public static let duplicateOptionCode: DiagnosticCode = "FW201"
    public static let duplicateOptionName: DiagnosticCode = "FW202"
    public static let undefinedCodeFrame: DiagnosticCode = "FW203"
    public static let undefinedReference: DiagnosticCode = "FW204"
    public static let forwardReference: DiagnosticCode = "FW205"
    public static let badLoopSource: DiagnosticCode = "FW206"
    public static let computedCycle: DiagnosticCode = "FW207"
    public static let unreachable: DiagnosticCode = "FW208"
    public static let variableNameCollision: DiagnosticCode = "FW209"
    public static let invalidSPSSName: DiagnosticCode = "FW210"
    public static let invalidStataName: DiagnosticCode = "FW211"
    public static let exclusiveInSingle: DiagnosticCode = "FW212"
    public static let emptyRange: DiagnosticCode = "FW213"
    public static let emptyCodeFrame: DiagnosticCode = "FW214"
    public static let duplicateCheckID: DiagnosticCode = "FW215"
    public static let loopTooDeep: DiagnosticCode = "FW216"
    public static let computedTypeMismatch: DiagnosticCode = "FW217"
    public static let missingCodeClash: DiagnosticCode = "FW218"
    public static let outOfLoopReference: DiagnosticCode = "FW219"
    public static let untranslated: DiagnosticCode = "FW220"
    public static let unusedCodeFrame: DiagnosticCode = "FW221"
    public static let unhandledDontKnow: DiagnosticCode = "FW222"
    public static let emptySection: DiagnosticCode = "FW223"
    public static let badOptionSet: DiagnosticCode = "FW224"
    public static let impossibleHardCheck: DiagnosticCode = "FW225"
    /// A section asked in a random or rotated order holds something other than questions, or
    /// questions that refer to one another.
    public static let dependentDrawnOrder: DiagnosticCode = "FW226"
}
