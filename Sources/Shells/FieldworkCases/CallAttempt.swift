import FieldworkBasics
import Foundation

/// A call an interviewer is recording.
public struct CallAttemptInput: Sendable, Hashable {
    public var caseID: String
    public var interviewer: String
    public var outcome: CallOutcome
    public var note: String
    /// Required for appointment outcomes (`requiresAppointment`), ignored otherwise.
    public var appointment: Appointment?
    /// The rule that gave the outcome, stored beside the final code (e.g. from
    /// `DispositionThresholds.outcome(forStoppedInterviewWithShare:)`). When nil and the call finalises
    /// the case, the store writes its own (`call outcome hard-refusal → 2.11`).
    public var dispositionRule: String?

    public init(caseID: String, interviewer: String, outcome: CallOutcome, note: String = "", appointment: Appointment? = nil,
                dispositionRule: String? = nil) {
        self.caseID = caseID
        self.interviewer = interviewer
        self.outcome = outcome
        self.note = note
        self.appointment = appointment
        self.dispositionRule = dispositionRule
    }
}

/// A stored call, as shown in a case's history.
public struct CallAttempt: Sendable, Hashable, Codable {
    public var number: Int
    public var at: Date
    public var interviewer: String
    public var outcome: CallOutcome
    public var note: String
    public var partOfDay: PartOfDay
    /// Status the call left the case in.
    public var resultingStatus: CaseStatus
    /// Set when this call finalised the case.
    public var finalDisposition: AAPORDisposition?
    /// The rule that gave the final code (or the caller's rule text for the outcome), e.g.
    /// `attempt limit 10 reached; eligibility confirmed, last call gatekeeper: call back → 2.21`.
    public var dispositionRule: String? = nil
}

/// What recording a call did to the case.
public struct AttemptResult: Sendable, Hashable {
    public var status: CaseStatus
    public var finalDisposition: AAPORDisposition?
    /// When the case may next be offered (nil when final).
    public var nextCallableAt: Date?
    /// True when the attempt limit (not the outcome itself) ended the case.
    public var finalisedByAttemptLimit: Bool
    /// Something the interviewer should hear about the booking, e.g. which of the two 01:30s of a
    /// clock-change night was booked (`AppointmentNotice`); nil when there is nothing to say.
    public var notice: String? = nil
}

/// An appointment as stored, with the instant it was scheduled for.
public struct StoredAppointment: Sendable, Hashable, Codable {
    public var appointment: Appointment
    /// The instant of `appointment.start` in its zone, computed when it was booked.
    public var at: Date
    public var until: Date
    public var setBy: String
    public var setAt: Date
    /// False once kept (called) or replaced by a later one.
    public var active: Bool
}

/// Everything known about one case.
public struct CaseDetail: Sendable, Hashable {
    public var caseID: String
    public var fields: [String: String]
    public var status: CaseStatus
    public var finalDisposition: AAPORDisposition?
    public var attempts: [CallAttempt]
    public var appointments: [StoredAppointment]
    public var everEligible: Bool
    public var withheldByQuota: Bool
    public var leaseHolder: String?
    public var leaseExpiresAt: Date?
    /// When the scheduler may next offer it (nil when final).
    public var nextCallableAt: Date?
    public var importedAt: Date
    public var importSource: String
    /// The code the case stands at while open (`InterimDisposition`); nil once final.
    public var interimDisposition: AAPORDisposition? = nil
    /// The rule that gave the final code: from the finalising call or the attempt-free finalisation.
    public var finalRule: String? = nil
    /// Final codes given without a call (closing the wave).
    public var finalisations: [CaseFinalisation] = []
    /// Values from an earlier wave by preload name (`fieldwork cases preload`).
    public var preload: [String: String] = [:]
    /// Supervisors' changes to the case, oldest first (`case_audit`: release, reopen, correct, assign).
    public var audit: [CaseAuditEntry] = []
    /// The sample replicate the case was imported in, nil without one.
    public var replicate: Int? = nil
    /// False while the case's replicate has not been released.
    public var released: Bool = true
}

/// Counts for the supervisor's overview.
public struct StatusCounts: Sendable, Hashable {
    public var total: Int
    public var byStatus: [CaseStatus: Int]
    public var byDisposition: [AAPORDisposition: Int]
    /// Open cases withheld because their quota cell is full.
    public var withheldByQuota: Int
    /// Cases currently leased (lease not yet expired).
    public var leased: Int
    /// Active appointments falling on today's date in the survey zone.
    public var appointmentsDueToday: Int
    /// Completes per quota cell: rule name → cell → (completes, target).
    public var quotaCells: [String: [String: (completes: Int, target: Int?)]]
    /// Open cases by their interim code (`InterimDisposition`); final cases are in `byDisposition`.
    public var byInterimDisposition: [AAPORDisposition: Int] = [:]
    /// When the wave was last closed (`closeWave`), if ever.
    public var waveClosedAt: Date? = nil
    /// Cases of sample replicates not yet released: in `total`, but in no status, code or rate.
    public var unreleased: Int = 0

    public static func == (lhs: StatusCounts, rhs: StatusCounts) -> Bool {
        lhs.total == rhs.total && lhs.byStatus == rhs.byStatus && lhs.byDisposition == rhs.byDisposition
            && lhs.withheldByQuota == rhs.withheldByQuota && lhs.leased == rhs.leased
            && lhs.appointmentsDueToday == rhs.appointmentsDueToday
            && lhs.byInterimDisposition == rhs.byInterimDisposition && lhs.waveClosedAt == rhs.waveClosedAt
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(total)
        hasher.combine(byStatus)
        hasher.combine(byDisposition)
    }
}
