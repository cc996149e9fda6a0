import FieldworkBasics
import FieldworkExpressions
/// A call-back appointment made when an interview is suspended. Kept as the interviewer typed it
/// (local date and wall-clock time) so case management can schedule it in the survey's time zone.
public struct InterviewAppointment: Sendable, Hashable {
    /// YYYY-MM-DD.
    public var date: String
    /// HH:MM, 24-hour clock.
    public var time: String
    public var note: String

    public init(date: String, time: String, note: String) {
        self.date = date
        self.time = time
        self.note = note
    }

    /// One line for the journal note and the call outcome: "2026-12-01 14:30 — ask for Priya".
    public var summary: String { "\(date) \(time)" + (note.isEmpty ? "" : " — \(note)") }

    /// Checks typed fields; the error says which field is wrong and what shape it needs.
    public static func validated(date: String, time: String, note: String) -> Result<InterviewAppointment, InterviewInputError> {
        let date = date.stripping(" ")
        let time = time.stripping(" ")
        guard isDate(date) else {
            return .failure(InterviewInputError("appointment date \"\(date)\" is not a date: type it as YYYY-MM-DD, e.g. 2026-12-01"))
        }
        guard let normalisedTime = normalisedTime(time) else {
            return .failure(InterviewInputError("appointment time \"\(time)\" is not a time: type it as HH:MM on the 24-hour clock, e.g. 14:30"))
        }
        return .success(InterviewAppointment(date: date, time: normalisedTime, note: note.stripping(" ")))
    }

    /// A real calendar date written YYYY-MM-DD (the engine's own calendar decides).
    static func isDate(_ text: String) -> Bool { CivilDate(parsing: text) != nil }

    /// "9:05" or "09:05" → "09:05"; nil unless hours 0–23 and minutes 00–59.
    static func normalisedTime(_ text: String) -> String? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              let hours = Int(parts[0]), let minutes = Int(parts[1]),
              (0...23).contains(hours), (0...59).contains(minutes) else { return nil }
        return (hours < 10 ? "0" : "") + "\(hours):" + (minutes < 10 ? "0" : "") + "\(minutes)"
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
