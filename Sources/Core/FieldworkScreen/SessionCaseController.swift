import FieldworkBasics
/// What the case screen is doing: showing the menu, or owning the keyboard for one prompt.
public enum SessionCaseMode: Sendable, Hashable {
    /// Single keys choose from the menu.
    case menu
    /// Keys edit the call note; Enter, Tab or Esc go back to the menu.
    case editingNote
    /// "Record this outcome?" Enter/y records, Esc/n goes back.
    case confirmOutcome(SessionMenuEntry)
    case appointment(SessionAppointmentForm)
    /// The interview was stopped as a refusal: s soft (may be converted) or h hard (never again).
    case refusalKind
    /// "End the session?" y ends (the case goes back to the pool), n stays.
    case confirmEnd
}

/// What the session shell should do after a key on the case screen.
public enum SessionCaseIntent: Sendable, Hashable {
    case none
    /// Record the call outcome with this code and the current note.
    case record(code: String)
    /// Book the appointment (the store may still refuse it, with a reason).
    case book(Appointment, note: String, purpose: SessionAppointmentPurpose)
    case startInterview
    /// The interviewer chose soft or hard after an interview ended in a refusal.
    case refusal(hard: Bool)
    case endSession
    /// Give the case back and go on a break.
    case takeBreak
    /// Hang-up, terminate or an outside interrupt: give the case back and exit quietly.
    case shutdown(Key)
}

/// The case screen's keyboard handling as a value: keys in, intents out, no terminal or store.
public struct SessionCaseController: Sendable, Hashable {
    public let menu: [SessionMenuEntry]
    public var mode: SessionCaseMode = .menu
    /// The note recorded with the call.
    public var note = LineEditor(maxLength: 200)
    /// A confirmation or problem shown above the note line.
    public var message: SessionMessage?
    /// The zone appointments are made in: the survey's, set by the shell from the scheduling rules.
    public var appointmentTimeZoneID = "Europe/London"

    public init(menu: [SessionMenuEntry], message: SessionMessage? = nil) {
        self.menu = menu
        self.message = message
    }

    /// Opens the appointment form again with the store's reason, keeping what was typed.
    public mutating func reopenAppointment(_ appointment: Appointment, note: String, purpose: SessionAppointmentPurpose, reason: String) {
        mode = .appointment(SessionAppointmentForm(purpose: purpose, date: appointment.start.dateText, time: appointment.start.timeText,
                                                   kind: appointment.kind, note: note, timeZoneID: appointment.timeZoneID, error: reason))
    }

    /// Handles one key.
    public mutating func handle(_ key: Key) -> SessionCaseIntent {
        switch key {
        case .hangup, .terminate, .interrupt:
            return .shutdown(key)
        case .resize:
            return .none
        default:
            break
        }
        switch mode {
        case .menu:
            return handleMenu(key)
        case .editingNote:
            switch key {
            case .enter, .tab, .escape:
                mode = .menu
            default:
                note.apply(key)
            }
            return .none
        case .confirmOutcome(let entry):
            switch key {
            case .enter, .character("y"), .character("Y"):
                mode = .menu
                if case .outcome(let code) = entry.action { return .record(code: code) }
                return .none
            case .escape, .character("n"), .character("N"), .backspace:
                mode = .menu
                return .none
            default:
                return .none
            }
        case .appointment(var form):
            let intent = handleForm(key, &form)
            if case .appointment = mode { mode = .appointment(form) }
            return intent
        case .refusalKind:
            switch key {
            case .character("s"), .character("S"):
                mode = .menu
                return .refusal(hard: false)
            case .character("h"), .character("H"):
                mode = .menu
                return .refusal(hard: true)
            case .escape:
                mode = .menu
                return .none
            default:
                return .none
            }
        case .confirmEnd:
            switch key {
            case .enter, .character("y"), .character("Y"):
                mode = .menu
                return .endSession
            case .escape, .character("n"), .character("N"):
                mode = .menu
                return .none
            default:
                return .none
            }
        }
    }

    private mutating func handleMenu(_ key: Key) -> SessionCaseIntent {
        switch key {
        case .tab:
            mode = .editingNote
            return .none
        case .ctrl("c"):
            mode = .confirmEnd
            return .none
        case .character(let character):
            guard let entry = SessionMenuEntry.entry(for: character, in: menu) else {
                message = .problem("\(TerminalSafe.text(String(character))) is not on the menu: press one of the keys shown")
                return .none
            }
            message = nil
            switch entry.action {
            case .outcome:
                mode = .confirmOutcome(entry)
            case .appointment:
                mode = .appointment(SessionAppointmentForm(note: note.text, timeZoneID: appointmentTimeZoneID))
            case .interview:
                return .startInterview
            case .note:
                mode = .editingNote
            case .endSession:
                mode = .confirmEnd
            case .takeBreak:
                return .takeBreak
            }
            return .none
        default:
            return .none
        }
    }

    private mutating func handleForm(_ key: Key, _ form: inout SessionAppointmentForm) -> SessionCaseIntent {
        let last = SessionAppointmentForm.labels.count - 1
        switch key {
        case .escape:
            mode = .menu
            return .none
        case .tab, .down:
            form.focus = min(last, form.focus + 1)
            return .none
        case .backTab, .up:
            form.focus = max(0, form.focus - 1)
            return .none
        case .enter:
            guard form.focus == last else {
                form.focus += 1
                return .none
            }
            switch form.appointment() {
            case .success(let appointment):
                form.error = nil
                note.setText(form.typedNote)
                mode = .menu
                return .book(appointment, note: form.typedNote, purpose: form.purpose)
            case .failure(let problem):
                form.error = problem.message
                return .none
            }
        default:
            break
        }
        switch form.focus {
        case 0: form.date.apply(key)
        case 1: form.time.apply(key)
        case SessionAppointmentForm.kindField:
            switch key {
            case .character(" "), .left, .right: form.kind = form.kind == .hard ? .soft : .hard
            case .character("h"), .character("H"): form.kind = .hard
            case .character("s"), .character("S"): form.kind = .soft
            default: break
            }
        default: form.note.apply(key)
        }
        return .none
    }
}
