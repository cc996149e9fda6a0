import FieldworkDiagnostics

/// A further kind of non-answer besides don't know and refused ("too many to count", "not
/// applicable"), declared once in `missingCodes.extra` and allowed question by question with
/// `allowMissing`. It is recorded as itself, reads as missing in conditions, and leaves as its code:
/// a user-missing value in SPSS, an extended missing value in Stata.
public struct ExtraMissingCode: Sendable, Hashable {
    /// How questions (`allowMissing`), scenarios and the journal name it.
    public var name: String
    /// The code it carries into exports.
    public var code: Int
    /// What the interviewer sees and what the export's value label says.
    public var label: LocalizedText
    public var location: SourceLocation

    public init(name: String, code: Int, label: LocalizedText, location: SourceLocation) {
        self.name = name
        self.code = code
        self.label = label
        self.location = location
    }
}
