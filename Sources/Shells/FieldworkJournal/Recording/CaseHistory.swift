import FieldworkEngine
import Foundation

/// Everything a case's journal says, decoded: its sittings, its interview events in order, and
/// any records that could not be used. Resume, export and paradata all start here.
public struct CaseHistory: Sendable {
    /// Record kinds written for the engine's events carry this prefix ("interview.answer").
    public static let eventPrefix = "interview."
    public static let sessionStart = "session.start"
    public static let sessionEnd = "session.end"
    public static let callOutcome = "call.outcome"

    public struct Session: Sendable, Equatable {
        public var interviewer: String
        public var questionnaire: QuestionnaireStamp
        public var startedAt: Date
        public var endedAt: Date?
        public var endReason: String?
    }

    public struct TimedEvent: Sendable {
        public var event: InterviewEvent
        public var at: Date
        public var seq: Int
        /// Index into `sessions` of the sitting it belongs to.
        public var session: Int
    }

    public struct CallOutcome: Sendable, Codable, Equatable {
        public var outcome: String
        public var note: String?
        public var interviewer: String?
        public init(outcome: String, note: String?, interviewer: String?) {
            self.outcome = outcome
            self.note = note
            self.interviewer = interviewer
        }
    }

    public var caseID: String
    public var sessions: [Session] = []
    public var events: [TimedEvent] = []
    public var outcomes: [(CallOutcome, Date)] = []
    /// Damage found by the reader (torn tails, checksum failures …) and records that decoded badly.
    public var problems: [JournalProblem] = []

    public init(caseID: String) { self.caseID = caseID }

    /// Decodes a journal's records.
    public init(caseID: String, read: JournalReadResult) {
        self.caseID = caseID
        problems = read.problems
        let decoder = JournalCoding.makeDecoder()
        for record in read.records {
            do {
                if record.kind == Self.sessionStart {
                    let start = try decoder.decode(SessionStart.self, from: record.data)
                    sessions.append(Session(interviewer: start.interviewer, questionnaire: start.questionnaire, startedAt: record.at))
                } else if record.kind == Self.sessionEnd {
                    let end = try decoder.decode(SessionEnd.self, from: record.data)
                    if !sessions.isEmpty {
                        sessions[sessions.count - 1].endedAt = record.at
                        sessions[sessions.count - 1].endReason = end.reason
                    }
                } else if record.kind == Self.callOutcome {
                    outcomes.append((try decoder.decode(CallOutcome.self, from: record.data), record.at))
                } else if record.kind.hasPrefix(Self.eventPrefix) {
                    let event = try EventDecoding.event(from: record.data)
                    events.append(TimedEvent(event: event, at: record.at, seq: record.seq, session: max(0, sessions.count - 1)))
                }
            } catch {
                problems.append(JournalProblem(kind: .malformedLine, line: record.line,
                                               message: "record \(record.seq) (\(record.kind)) could not be decoded: \(error)"))
            }
        }
    }

    /// What a journal says about its interview without decoding the events: for counting passes.
    public struct Outline: Sendable {
        public var answered = false
        public var completed = false
        public var lastQuestionnaire: QuestionnaireStamp?
        public var problems: [JournalProblem] = []
    }

    public static func outline(of read: JournalReadResult) -> Outline {
        var o = Outline()
        o.problems = read.problems
        let decoder = JournalCoding.makeDecoder()
        for record in read.records {
            switch record.kind {
            case eventPrefix + "answer", eventPrefix + "dontknow", eventPrefix + "refused": o.answered = true
            case eventPrefix + "complete": o.completed = true
            case sessionStart:
                if let start = try? decoder.decode(SessionStart.self, from: record.data) { o.lastQuestionnaire = start.questionnaire }
            default: break
            }
        }
        return o
    }

    /// Reads a case's journal from a survey directory; an absent journal is an empty history.
    public static func read(directory: SurveyDirectory, caseID: CaseID) throws -> CaseHistory {
        let url = directory.journalURL(for: caseID)
        guard FileManager.default.fileExists(atPath: url.path) else { return CaseHistory(caseID: caseID.rawValue) }
        return CaseHistory(caseID: caseID.rawValue, read: try JournalReader.read(fileAt: url, expectedCaseID: caseID.rawValue))
    }

    /// The questionnaire of the latest sitting, if any.
    public var lastQuestionnaire: QuestionnaireStamp? { sessions.last?.questionnaire }
    public var interviewEvents: [InterviewEvent] { events.map(\.event) }
    public var interviewers: [String] {
        var seen: [String] = []
        for s in sessions where !seen.contains(s.interviewer) { seen.append(s.interviewer) }
        return seen
    }
}

/// Which questionnaire a sitting used: id, version and the content hash of the pinned file.
public struct QuestionnaireStamp: Codable, Sendable, Equatable {
    public var id: String
    public var version: String
    public var sha256: String

    public init(id: String, version: String, sha256: String) {
        self.id = id
        self.version = version
        self.sha256 = sha256
    }
}

/// The data of a `session.start` record: who sat down with which questionnaire. Public so that
/// bulk writers of journals (simulation, benchmarks) write exactly what the recorder writes.
public struct SessionStart: Codable, Sendable {
    public var interviewer: String
    public var questionnaire: QuestionnaireStamp
    public var resumed: Bool
    public var questionnaireChangeAccepted: Bool?

    public init(interviewer: String, questionnaire: QuestionnaireStamp, resumed: Bool, questionnaireChangeAccepted: Bool? = nil) {
        self.interviewer = interviewer
        self.questionnaire = questionnaire
        self.resumed = resumed
        self.questionnaireChangeAccepted = questionnaireChangeAccepted
    }
}

/// The data of a `session.end` record.
public struct SessionEnd: Codable, Sendable {
    public var reason: String
    public init(reason: String) { self.reason = reason }
}
