import Foundation

/// Which calls a call-history export keeps: from/to instants (from inclusive, to exclusive),
/// interviewers and outcomes (empty: all).
public struct CallHistoryFilter: Sendable, Hashable {
    public var from: Date?
    public var to: Date?
    public var interviewers: Set<String>
    public var outcomes: Set<CallOutcome>

    public init(from: Date? = nil, to: Date? = nil, interviewers: Set<String> = [], outcomes: Set<CallOutcome> = []) {
        self.from = from
        self.to = to
        self.interviewers = interviewers
        self.outcomes = outcomes
    }
}

/// One call, with its case, as a call-history export writes it.
public struct CallHistoryRow: Sendable, Hashable, Codable {
    public var caseID: String
    /// The call's number within its case (1 = first call).
    public var number: Int
    public var at: Date
    public var interviewer: String
    /// The call outcome's raw value (`CallOutcome`), e.g. `no-answer`.
    public var outcome: String
    public var note: String
    public var partOfDay: String
    /// The case's status after the call, and the final code the call gave (if any) with its rule.
    public var resultingStatus: String
    public var finalCode: String?
    public var dispositionRule: String?
    /// The case's sample replicate (nil when imported without one).
    public var replicate: Int?

    public init(caseID: String, number: Int, at: Date, interviewer: String, outcome: String, note: String, partOfDay: String,
                resultingStatus: String, finalCode: String?, dispositionRule: String?, replicate: Int?) {
        self.caseID = caseID
        self.number = number
        self.at = at
        self.interviewer = interviewer
        self.outcome = outcome
        self.note = note
        self.partOfDay = partOfDay
        self.resultingStatus = resultingStatus
        self.finalCode = finalCode
        self.dispositionRule = dispositionRule
        self.replicate = replicate
    }
}
