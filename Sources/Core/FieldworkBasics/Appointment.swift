/// How firmly an appointment was made.
public enum AppointmentKind: String, Sendable, Hashable, Codable {
    /// "Call me at 10:00 on Tuesday": kept to the minute, within the grace window.
    case hard
    /// "Try next week": a window; the case is called first once the window opens.
    case soft
}

/// An appointment as agreed with the respondent: wall-clock time(s) plus the IANA zone they are in.
///
/// The one appointment request there is: the case screen and the interview's suspend dialog build
/// it, `fieldwork cases book` builds it from options, and the case store books it (or says why not).
public struct Appointment: Sendable, Hashable, Codable {
    public var kind: AppointmentKind
    /// Hard: the agreed time. Soft: when the window opens.
    public var start: LocalDateTime
    /// Soft only: when the window closes. Nil means the end of that day's calling hours.
    public var end: LocalDateTime?
    /// IANA zone identifier; the survey's zone ("Europe/London") unless the respondent is elsewhere.
    public var timeZoneID: String

    public init(kind: AppointmentKind, start: LocalDateTime, end: LocalDateTime? = nil, timeZoneID: String = "Europe/London") {
        self.kind = kind
        self.start = start
        self.end = end
        self.timeZoneID = timeZoneID
    }
}
