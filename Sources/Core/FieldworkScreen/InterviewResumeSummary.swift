/// What the re-introduction screen of a resumed interview says about the earlier sittings, already
/// formatted by the shell from the case's journal (times in the survey's zone), so composing the
/// screen stays pure.
public struct InterviewResumeSummary: Sendable, Hashable {
    /// Who did the last earlier sitting.
    public var lastInterviewer: String
    /// When it stopped, e.g. "2026-11-30 14:02".
    public var stoppedAt: String
    /// How it stopped, e.g. "suspended with an appointment", "left (Ctrl-C)", "line dropped".
    public var howItStopped: String
    /// How many sittings came before this one.
    public var sittings: Int
    /// Questions answered so far.
    public var answered: Int

    public init(lastInterviewer: String, stoppedAt: String, howItStopped: String, sittings: Int, answered: Int) {
        self.lastInterviewer = lastInterviewer
        self.stoppedAt = stoppedAt
        self.howItStopped = howItStopped
        self.sittings = sittings
        self.answered = answered
    }

    /// The journal's reason for closing a sitting, in words.
    public static func describeEnd(_ reason: String?) -> String {
        switch reason {
        case "suspended"?: return "suspended with an appointment"
        case "interrupted"?: return "left by the interviewer"
        case "hangup"?: return "the line dropped"
        case "terminated"?: return "the program was stopped"
        case "ended"?: return "ended"
        case nil: return "not closed (a crash or a power cut)"
        case let other?: return other
        }
    }
}
