/// What the case store holds about one case's calls, for checking it against the case's journal:
/// its status and final code, and the outcome of every call in order.
public struct StoredCaseCalls: Sendable, Hashable {
    public var caseID: String
    public var status: CaseStatus
    public var finalCode: String?
    public var outcomes: [String]
    public var fields: [String: String]

    public init(caseID: String, status: CaseStatus, finalCode: String?, outcomes: [String], fields: [String: String]) {
        self.caseID = caseID
        self.status = status
        self.finalCode = finalCode
        self.outcomes = outcomes
        self.fields = fields
    }
}
