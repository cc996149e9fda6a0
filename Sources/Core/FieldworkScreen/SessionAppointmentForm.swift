import FieldworkBasics

/// Why the appointment form is open: booking from the case screen, or rescheduling after an
/// interview was suspended and the store refused the first time.
public enum SessionAppointmentPurpose: Sendable, Hashable {
    case callOutcome
    case resumeInterview
}

/// The appointment form: date, time, kind (hard/soft) and note, with the focused field and the
/// reason the last attempt was refused.
public struct SessionAppointmentForm: Sendable, Hashable {
    public static let labels = ["Date (YYYY-MM-DD)", "Time (HH:MM)", "Kind", "Note"]
    public static let kindField = 2
    public var date = LineEditor(maxLength: 10)
    public var time = LineEditor(maxLength: 5)
    public var kind: AppointmentKind = .hard
    public var note = LineEditor(maxLength: 200)
    public var focus = 0
    public var purpose: SessionAppointmentPurpose
    /// The zone the appointment is made in (the survey's).
    public var timeZoneID: String
    /// Why the last attempt was refused (by the form or by the store).
    public var error: String?

    public init(purpose: SessionAppointmentPurpose = .callOutcome, date: String = "", time: String = "",
                kind: AppointmentKind = .hard, note: String = "", timeZoneID: String = "Europe/London", error: String? = nil) {
        self.purpose = purpose
        self.date = LineEditor(text: date, maxLength: 10)
        self.time = LineEditor(text: time, maxLength: 5)
        self.kind = kind
        self.note = LineEditor(text: note, maxLength: 200)
        self.timeZoneID = timeZoneID
        self.error = error
        self.focus = date.isEmpty ? 0 : 1
    }

    /// The typed values as the store's appointment, or the problem with them.
    public func appointment() -> Result<Appointment, InterviewInputError> {
        AppointmentEntry.appointment(kind: kind, date: date.text, time: time.text, timeZoneID: timeZoneID)
    }

    /// The note as recorded with the call (outer spaces removed).
    public var typedNote: String { note.text.stripping(" ") }

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
