import Foundation

/// One stored call of any case, as reports read them: who called which case when, and what came of it.
public struct StoredCall: Sendable, Hashable {
    public var caseID: String
    public var at: Date
    public var interviewer: String
    /// The call outcome's raw value (`CallOutcome`), e.g. `interview-complete`.
    public var outcome: String
    /// The final code this call gave the case, when it finalised it.
    public var finalCode: String?

    public init(caseID: String, at: Date, interviewer: String, outcome: String, finalCode: String?) {
        self.caseID = caseID
        self.at = at
        self.interviewer = interviewer
        self.outcome = outcome
        self.finalCode = finalCode
    }
}
