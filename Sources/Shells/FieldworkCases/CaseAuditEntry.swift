import Foundation

/// One supervisor's change to a case, from the append-only `case_audit` table: who made it, when,
/// what they did, why, and the case before and after in a few words (e.g. `final 2.11 refusal` →
/// `final 1.1 complete interview`).
public struct CaseAuditEntry: Sendable, Hashable, Codable {
    public var at: Date
    /// The supervisor (`--by`).
    public var by: String
    public var action: CaseAuditAction
    /// Why (`--reason`), never empty.
    public var reason: String
    public var before: String
    public var after: String

    public init(at: Date, by: String, action: CaseAuditAction, reason: String, before: String, after: String) {
        self.at = at
        self.by = by
        self.action = action
        self.reason = reason
        self.before = before
        self.after = after
    }
}
