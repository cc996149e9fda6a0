import FieldworkEngine
import FieldworkJournal

/// What a case's journal says without replaying it: whether an interview took place, whether it
/// was completed, which questionnaire it was pinned to and which records were damaged. Cheap enough
/// for the counting pass of a two-pass export.
public struct CaseOutline: Sendable {
    public enum Standing: String, Sendable {
        /// No answer was ever recorded (only calls, or nothing).
        case noInterview
        case partial
        case complete

        /// Complete if completed, else partial if anything was answered.
        public init(_ facts: InterviewStanding) {
            self = facts.completed ? .complete : (facts.answered ? .partial : .noInterview)
        }

        /// Whether the export includes a case of this standing.
        public func isExported(includePartials: Bool) -> Bool {
            switch self {
            case .complete: return true
            case .partial: return includePartials
            case .noInterview: return false
            }
        }
    }

    public let caseID: String
    public let standing: Standing
    /// The questionnaire of the latest sitting: the one the interview was (re)played against when recorded.
    public let stamp: QuestionnaireStamp?
    /// Damage beyond an ordinary crash trace, and records that did not decode.
    public let corruption: [JournalProblem]

    public init(history: CaseHistory) {
        caseID = history.caseID
        let facts = InterviewStanding(history: history)
        standing = Standing(facts)
        stamp = facts.lastQuestionnaire
        corruption = history.problems.filter(\.isCorruption)
    }

    /// Whether the export includes this case.
    public func isExported(includePartials: Bool) -> Bool {
        standing.isExported(includePartials: includePartials)
    }
}
