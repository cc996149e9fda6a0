/// The outcome of checking every journal against the case store.
public struct ReconciliationReport: Sendable, Hashable, Codable {
    public var casesInStore: Int
    public var journalsChecked: Int
    /// Sittings whose ending the store records with a matching call.
    public var endingsRecorded: Int
    public var disagreements: [CaseDisagreement]
    /// True when `--repair` was asked for.
    public var repairing: Bool

    /// Disagreements still standing (not repaired).
    public var unresolved: [CaseDisagreement] { disagreements.filter { !$0.repaired } }
}
