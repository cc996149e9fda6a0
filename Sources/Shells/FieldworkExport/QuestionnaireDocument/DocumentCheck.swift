import FieldworkModel

/// A check on an answer as printed: how strict it is, the rule in words and the interviewer's message.
public struct DocumentCheck: Sendable, Equatable {
    public var id: String
    public var severity: Check.Severity
    /// The condition the answer must meet, in words.
    public var condition: String
    /// What the interviewer sees when it fails, fills as placeholders.
    public var message: String

    /// One sentence: hard checks say what the answer must meet, soft checks what to confirm.
    public var sentence: String {
        switch severity {
        case .hard:
            return "The answer must meet: \(condition). Otherwise the interviewer sees \u{201C}\(message)\u{201D} and the answer must be changed."
        case .soft:
            return "Confirm with the respondent if not: \(condition). The interviewer sees \u{201C}\(message)\u{201D} and may keep the answer once confirmed."
        }
    }
}
