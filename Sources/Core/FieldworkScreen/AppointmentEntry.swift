import FieldworkBasics
/// Reading an appointment typed on a screen (the case screen's form, the interview's suspend
/// dialog) into the store's own `Appointment`: nothing in between to convert.
public enum AppointmentEntry {
    /// Checks typed fields and builds the appointment; the error says which field is wrong and
    /// what shape it needs. The zone is the survey's, which the shell knows (`timeZoneID`).
    public static func appointment(kind: AppointmentKind, date: String, time: String,
                                   timeZoneID: String) -> Result<Appointment, InterviewInputError> {
        let date = date.stripping(" ")
        let time = time.stripping(" ")
        guard let day = CivilDate(parsing: date) else {
            return .failure(InterviewInputError("appointment date \"\(date)\" is not a date: type it as YYYY-MM-DD, e.g. 2026-12-01"))
        }
        guard let (hour, minute) = clockTime(time) else {
            return .failure(InterviewInputError("appointment time \"\(time)\" is not a time: type it as HH:MM on the 24-hour clock, e.g. 14:30"))
        }
        let start = LocalDateTime(year: day.year, month: day.month, day: day.day, hour: hour, minute: minute)
        return .success(Appointment(kind: kind, start: start, timeZoneID: timeZoneID))
    }

    /// One line for the journal note and the call outcome: "2026-12-01 14:30 — ask for Priya".
    public static func summary(_ appointment: Appointment, note: String) -> String {
        "\(appointment.start.dateText) \(appointment.start.timeText)" + (note.isEmpty ? "" : " — \(note)")
    }

    /// "9:05" or "09:05" → (9, 5); nil unless hours 0–23 and minutes 00–59.
    static func clockTime(_ text: String) -> (hour: Int, minute: Int)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let hours = Int(parts[0]), let minutes = Int(parts[1]),
              (0...23).contains(hours), (0...59).contains(minutes) else { return nil }
        return (hours, minutes)
    }
}

/// The three fields of the appointment dialog and which one has the cursor.
public struct InterviewAppointmentForm: Sendable, Hashable {
    public static let labels = ["Date (YYYY-MM-DD)", "Time (HH:MM)", "Note"]
    public var fields: [LineEditor] = [LineEditor(maxLength: 10), LineEditor(maxLength: 5), LineEditor(maxLength: 200)]
    public var focus = 0
    /// Why the last attempt to save was refused.
    public var error: String?

    public init() {}
}

/// Typed input that cannot be turned into an answer or a command, with what to type instead.
public struct InterviewInputError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension String {
    func stripping(_ character: Character) -> String {
        var slice = Substring(self)
        while slice.first == character { slice.removeFirst() }
        while slice.last == character { slice.removeLast() }
        return String(slice)
    }
}
