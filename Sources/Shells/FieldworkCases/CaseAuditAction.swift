/// What a supervisor did to a case, as recorded in the audit trail (`case_audit.action`).
public enum CaseAuditAction: String, Sendable, Hashable, Codable, CaseIterable {
    /// Ended someone's lease so the case goes back to the pool.
    case release
    /// Took a final case back into fieldwork (status retry, final code cleared).
    case reopen
    /// Replaced a final code with another.
    case correct
    /// Leased the case to a named interviewer.
    case assign
}
