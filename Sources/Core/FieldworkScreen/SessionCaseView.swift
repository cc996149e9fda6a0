/// What the case screen shows about one case, already formatted by the shell (times in the
/// survey's zone, outcomes as labels). Plain strings keep the composition pure and testable; every
/// string may hold hostile sample text and is made terminal-safe when composed.
public struct SessionCaseView: Sendable, Hashable {
    public var caseID: String
    /// The number to dial, as stored in the sample.
    public var phone: String
    public var businessName: String
    /// The named contact to ask for; empty when the sample has none.
    public var contactName: String
    /// Further sample details for the interviewer's eyes (sector, size, borough …), in order.
    public var details: [SessionDetail]
    /// Why the scheduler picked this case now ("Hard appointment due 10:00", "Fresh case" …).
    public var reason: String
    /// True when the case was picked for an appointment: the reason is then shown as a warning.
    public var isAppointment: Bool
    /// The booked appointment, one line; nil when none is active.
    public var appointment: String?
    /// Earlier calls, oldest first.
    public var history: [SessionHistoryEntry]
    /// A partial interview exists: how many answers, where it stopped, when and by whom (one line
    /// from the case's journal); nil when the case has no interview in progress.
    public var partialInterview: String?

    public init(caseID: String, phone: String, businessName: String, contactName: String = "",
                details: [SessionDetail] = [], reason: String, isAppointment: Bool = false,
                appointment: String? = nil, history: [SessionHistoryEntry] = [], partialInterview: String? = nil) {
        self.caseID = caseID
        self.phone = phone
        self.businessName = businessName
        self.contactName = contactName
        self.details = details
        self.reason = reason
        self.isAppointment = isAppointment
        self.appointment = appointment
        self.history = history
        self.partialInterview = partialInterview
    }
}

/// One labelled sample detail, such as "Sector: G".
public struct SessionDetail: Sendable, Hashable {
    public var label: String
    public var value: String

    public init(_ label: String, _ value: String) {
        self.label = label
        self.value = value
    }
}

/// One earlier call in a case's history.
public struct SessionHistoryEntry: Sendable, Hashable {
    /// Local time of the call, e.g. "2026-11-30 14:02".
    public var at: String
    public var interviewer: String
    public var outcome: String
    public var note: String

    public init(at: String, interviewer: String, outcome: String, note: String = "") {
        self.at = at
        self.interviewer = interviewer
        self.outcome = outcome
        self.note = note
    }
}

/// Who is working and what time it is, for the title bar.
public struct SessionScreenContext: Sendable, Hashable {
    public var interviewerID: String
    /// Local clock time, e.g. "10:00".
    public var clock: String

    public init(interviewerID: String, clock: String) {
        self.interviewerID = interviewerID
        self.clock = clock
    }
}

/// What the "no cases to call" screen shows while the session waits for work.
public struct SessionWaitingView: Sendable, Hashable {
    /// Open case counts, e.g. ("fresh", 0), ("appointment", 3).
    public var counts: [SessionDetail]
    /// When the next booked appointment is, and how many fall today, e.g. "14:30 (hard) · 3 booked
    /// for today", "Tue 09:15 (soft)" or "due now: 09:00 (hard)"; nil when none is booked.
    public var nextAppointment: String?
    /// When the store was last asked, local time.
    public var checkedAt: String
    /// Seconds between automatic checks.
    public var pollSeconds: Int
    /// What happened last (an outcome recorded, an error), shown above the counts.
    public var message: SessionMessage?

    public init(counts: [SessionDetail], nextAppointment: String?, checkedAt: String, pollSeconds: Int,
                message: SessionMessage? = nil) {
        self.counts = counts
        self.nextAppointment = nextAppointment
        self.checkedAt = checkedAt
        self.pollSeconds = pollSeconds
        self.message = message
    }
}

/// A one-line message on a session screen: a confirmation ("Recorded …") or a problem.
public struct SessionMessage: Sendable, Hashable {
    public var text: String
    public var isProblem: Bool

    public init(_ text: String, isProblem: Bool = false) {
        self.text = text
        self.isProblem = isProblem
    }

    public static func problem(_ text: String) -> SessionMessage { SessionMessage(text, isProblem: true) }
}
