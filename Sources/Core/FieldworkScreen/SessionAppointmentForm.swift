/// How firmly an appointment is made, as typed on the case screen (mirrors the store's kinds).
public enum SessionAppointmentKind: String, Sendable, Hashable {
    /// A fixed time, kept to the minute.
    case hard
    /// A window opening at the given time.
    case soft
}

/// Why the appointment form is open: booking from the case screen, or rescheduling after an
/// interview was suspended and the store refused the first time.
public enum SessionAppointmentPurpose: Sendable, Hashable {
    case callOutcome
    case resumeInterview
}

/// A checked appointment request, ready for the store (which still checks calling hours etc.).
public struct SessionAppointmentRequest: Sendable, Hashable {
    public var kind: SessionAppointmentKind
    /// YYYY-MM-DD.
    public var date: String
    /// HH:MM.
    public var time: String
    public var note: String
    public var purpose: SessionAppointmentPurpose

    public init(kind: SessionAppointmentKind, date: String, time: String, note: String, purpose: SessionAppointmentPurpose) {
        self.kind = kind
        self.date = date
        self.time = time
        self.note = note
        self.purpose = purpose
    }

    /// `YYYY-MM-DDTHH:MM`, the store's local date-time notation.
    public var localDateTime: String { "\(date)T\(time)" }
}

/// The appointment form: date, time, kind (hard/soft) and note, with the focused field and the
/// reason the last attempt was refused.
public struct SessionAppointmentForm: Sendable, Hashable {
    public static let labels = ["Date (YYYY-MM-DD)", "Time (HH:MM)", "Kind", "Note"]
    public static let kindField = 2
    public var date = LineEditor(maxLength: 10)
    public var time = LineEditor(maxLength: 5)
    public var kind: SessionAppointmentKind = .hard
    public var note = LineEditor(maxLength: 200)
    public var focus = 0
    public var purpose: SessionAppointmentPurpose
    /// Why the last attempt was refused (by the form or by the store).
    public var error: String?

    public init(purpose: SessionAppointmentPurpose = .callOutcome, date: String = "", time: String = "",
                kind: SessionAppointmentKind = .hard, note: String = "", error: String? = nil) {
        self.purpose = purpose
        self.date = LineEditor(text: date, maxLength: 10)
        self.time = LineEditor(text: time, maxLength: 5)
        self.kind = kind
        self.note = LineEditor(text: note, maxLength: 200)
        self.error = error
        self.focus = date.isEmpty ? 0 : 1
    }

    /// The typed values as a request, or the problem with them.
    public func request() -> Result<SessionAppointmentRequest, InterviewInputError> {
        InterviewAppointment.validated(date: date.text, time: time.text, note: note.text).map {
            SessionAppointmentRequest(kind: kind, date: $0.date, time: $0.time, note: $0.note, purpose: purpose)
        }
    }

    /// The field text shown for `index`.
    public func display(_ index: Int) -> String {
        switch index {
        case 0: return date.text
        case 1: return time.text
        case SessionAppointmentForm.kindField: return kind == .hard ? "[hard] soft" : "hard [soft]"
        default: return note.text
        }
    }
}
