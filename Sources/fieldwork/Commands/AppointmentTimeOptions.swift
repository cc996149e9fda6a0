import FieldworkBasics
import ArgumentParser
import FieldworkCases

/// The time of an appointment a supervisor books or moves: `--at`, `--kind`, `--until`, `--time-zone`.
struct AppointmentTimeOptions: ParsableArguments {
    @Option(name: .long, help: "The agreed time (hard) or the window's opening (soft): YYYY-MM-DDTHH:MM, in --time-zone.")
    var at: String

    @Option(name: .long, help: "hard (kept to the minute) or soft (a window). Default: hard when booking, the booked kind when moving.")
    var kind: String?

    @Option(name: .long, help: "Soft only: when the window closes, YYYY-MM-DDTHH:MM (default: the end of that day's calling hours).")
    var until: String?

    @Option(name: .long, help: "IANA time zone of the times given (default: the survey's, scheduling.json timeZoneID).")
    var timeZone: String?

    /// The appointment, or a usage error saying what to type.
    func appointment(rules: SchedulingRules, defaultKind: AppointmentKind) throws -> Appointment {
        guard let start = LocalDateTime(at) else {
            throw ValidationError("--at '\(at)' is not a time; write YYYY-MM-DDTHH:MM, e.g. 2026-12-02T10:30")
        }
        var chosen = defaultKind
        if let kind {
            guard let parsed = AppointmentKind(rawValue: kind.lowercased()) else {
                throw ValidationError("--kind '\(kind)' is not a kind of appointment; use hard or soft")
            }
            chosen = parsed
        }
        var end: LocalDateTime?
        if let until {
            guard chosen == .soft else { throw ValidationError("--until is for a soft appointment's window; add --kind soft") }
            guard let parsed = LocalDateTime(until) else {
                throw ValidationError("--until '\(until)' is not a time; write YYYY-MM-DDTHH:MM")
            }
            end = parsed
        }
        return Appointment(kind: chosen, start: start, end: end, timeZoneID: timeZone ?? rules.timeZoneID)
    }
}
