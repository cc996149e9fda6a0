/// A case and the interviewer holding its unexpired lease: what blocks closing the wave.
public struct LeaseHolding: Sendable, Hashable {
    public var caseID: String
    public var holder: String

    public init(caseID: String, holder: String) {
        self.caseID = caseID
        self.holder = holder
    }
}
