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
    /// Booked an appointment for the case.
    case bookAppointment = "book-appointment"
    /// Moved the case's booked appointment to another time.
    case moveAppointment = "move-appointment"
    /// Cancelled the case's booked appointment (the case goes back to the ordinary queue).
    case cancelAppointment = "cancel-appointment"
}
