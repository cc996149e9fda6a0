import FieldworkDiagnostics
import FieldworkExpressions

/// A check across answers. Hard checks must be fixed; soft ones may be confirmed by the interviewer,
/// and the confirmation is recorded.
public struct Check: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable { case hard, soft }
    public var id: String
    /// Must hold for the answer to stand. A check whose condition is unknown (don't know, not asked)
    /// does not fire.
    public var require: Condition
    public var message: TemplateText
    public var severity: Severity
    public var location: SourceLocation
    public init(id: String, require: Condition, message: TemplateText, severity: Severity, location: SourceLocation) {
        self.id = id
        self.require = require
        self.message = message
        self.severity = severity
        self.location = location
    }
}
