import FieldworkBasics
import FieldworkEngine
import FieldworkJournal
import FieldworkScreen
import Foundation

/// Reads a case's journal for what the interviewer needs to know before resuming it: who did the
/// last sitting, when and how it stopped, where, and how many answers are saved.
public enum InterviewResumeSummaryBuilder {
    /// The summary for the re-introduction screen; nil when no answer was recorded before (such an
    /// interview opens on its first question, as a fresh one does).
    public static func summary(history: CaseHistory, answered: Int, localTime: (Date) -> String) -> InterviewResumeSummary? {
        guard answered > 0, !history.events.isEmpty, let last = history.sessions.last else { return nil }
        let lastIndex = history.sessions.count - 1
        let stopped = last.endedAt ?? history.events.last(where: { $0.session == lastIndex })?.at ?? last.startedAt
        return InterviewResumeSummary(lastInterviewer: TerminalSafe.text(last.interviewer), stoppedAt: localTime(stopped),
                                      howItStopped: InterviewResumeSummary.describeEnd(last.endReason),
                                      sittings: history.sessions.count, answered: answered)
    }

    /// One line for the session's case screen: "Partial interview: 4 answers saved; stopped at
    /// q_staff on 2026-11-30 14:02 by I3 (left by the interviewer). i resumes it." Nil when the case
    /// has no answer recorded, or its interview is over.
    public static func caseScreenLine(history: CaseHistory, localTime: (Date) -> String) -> String? {
        guard !history.events.isEmpty, let last = history.sessions.last else { return nil }
        var answered = Set<String>()
        var stoppedAt: String?
        for timed in history.events {
            switch timed.event {
            case .answered(let address, _):
                answered.insert(address.description)
                stoppedAt = address.description
            case .shown(let address), .jump(let address):
                stoppedAt = address.description
            case .completed, .ended, .endReached:
                return nil
            default:
                break
            }
        }
        guard !answered.isEmpty else { return nil }
        let lastIndex = history.sessions.count - 1
        let stopped = last.endedAt ?? history.events.last(where: { $0.session == lastIndex })?.at ?? last.startedAt
        let place = stoppedAt.map { " at \(TerminalSafe.text($0))" } ?? ""
        return "Partial interview: \(answered.count) answer\(answered.count == 1 ? "" : "s") saved; stopped\(place) on "
            + "\(localTime(stopped)) by \(TerminalSafe.text(last.interviewer)) (\(InterviewResumeSummary.describeEnd(last.endReason))). i resumes it."
    }

    /// "YYYY-MM-DD HH:MM" in the machine's zone, for when the survey's zone is not at hand.
    public static func machineLocalTime(_ date: Date) -> String {
        LocalDateTime(date, in: .current).displayText
    }
}
