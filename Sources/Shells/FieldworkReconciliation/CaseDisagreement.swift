/// One way a case's journal and the case store disagree, with what `--repair` does about it.
public struct CaseDisagreement: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// The journal ended an interview (complete, end item, stop) that no call in the store records.
        case unrecordedEnding = "unrecorded-ending"
        /// The store says complete (1.1) but no sitting in the journal completed the interview.
        case completeWithoutInterview = "complete-without-interview"
        /// A journal for a case the store does not hold.
        case journalWithoutCase = "journal-without-case"
    }

    public var caseID: String
    public var kind: Kind
    /// What the journal shows, in words.
    public var journal: String
    /// What the store shows, in words.
    public var store: String
    /// What `--repair` records (e.g. "interview-complete"), or nil when the journal does not prove
    /// enough to repair it and a person must decide.
    public var repair: String?
    /// Why it cannot be repaired, or the rule text the repair is recorded with.
    public var reason: String
    /// True once `--repair` recorded it.
    public var repaired: Bool
}
