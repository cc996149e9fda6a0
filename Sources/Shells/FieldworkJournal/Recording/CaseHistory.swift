import FieldworkEngine
import Foundation

/// Everything a case's journal says, decoded: its sittings, its interview events in order, and
/// any records that could not be used. Resume, export and paradata all start here. Records are
/// found by `JournalReader` and their data decoded by `JournalCodec`; a case's standing without
/// decoding everything is `InterviewStanding`.
public struct CaseHistory: Sendable {
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
        var decoding = RecordDecoding()
        for record in read.records {
            record.data.withUnsafeBytes { data in
                var kind = record.kind
                kind.withUTF8 { kind in
                    decoding.absorb(kind: kind, data: data.bindMemory(to: UInt8.self), at: record.at, seq: record.seq,
                                    line: record.line, into: &self)
                }
            }
        }
        problems = read.problems + decoding.problems
    }

    /// Reads and decodes the journal at `url` in one pass over its bytes, without building
    /// `JournalRecord`s: the same history as `CaseHistory(caseID:read:)` of a read that skips
    /// re-validating record data (every record that matters is decoded anyway, and one that does
    /// not decode is reported). A missing file is an empty history.
    public static func read(journalAt url: URL, caseID: String) throws -> CaseHistory {
        read(journalBytes: try PosixFile.readAllIfPresent(url.path) ?? [], caseID: caseID)
    }

    /// The same, from a journal's bytes already read (from a file or from the server,
    /// `JournalStore.journalBytes`); empty bytes are an empty history.
    public static func read(journalBytes bytes: [UInt8], caseID: String) -> CaseHistory {
        var history = CaseHistory(caseID: caseID)
        var decoding = RecordDecoding()
        let read = JournalReader.scan(bytes: bytes, expectedCaseID: caseID, validatingData: false) { record in
            decoding.absorb(kind: record.kind, data: record.data, at: record.at, seq: record.seq, line: record.line, into: &history)
        }
        history.problems = read.problems + decoding.problems
        return history
    }

    /// Turns records into sessions, events and outcomes through `JournalCodec`, collecting the
    /// records that do not decode.
    private struct RecordDecoding {
        static let sessionStartKind = JournalKinds.bytes(JournalKinds.sessionStart)
        static let sessionEndKind = JournalKinds.bytes(JournalKinds.sessionEnd)
        static let callOutcomeKind = JournalKinds.bytes(JournalKinds.callOutcome)
        static let eventKindPrefix = JournalKinds.bytes(JournalKinds.eventPrefix)

        var problems: [JournalProblem] = []

        mutating func absorb(kind: UnsafeBufferPointer<UInt8>, data: UnsafeBufferPointer<UInt8>, at: Date, seq: Int, line: Int,
                             into history: inout CaseHistory) {
            do {
                if kind.elementsEqual(Self.sessionStartKind) {
                    let start = try JournalCodec.sessionStart(from: data)
                    history.sessions.append(Session(interviewer: start.interviewer, questionnaire: start.questionnaire, startedAt: at))
                } else if kind.elementsEqual(Self.sessionEndKind) {
                    let end = try JournalCodec.sessionEnd(from: data)
                    if !history.sessions.isEmpty {
                        history.sessions[history.sessions.count - 1].endedAt = at
                        history.sessions[history.sessions.count - 1].endReason = end.reason
                    }
                } else if kind.elementsEqual(Self.callOutcomeKind) {
                    history.outcomes.append((try JournalCodec.callOutcome(from: data), at))
                } else if kind.starts(with: Self.eventKindPrefix) {
                    let event = try JournalCodec.event(from: data)
                    history.events.append(TimedEvent(event: event, at: at, seq: seq, session: max(0, history.sessions.count - 1)))
                }
            } catch {
                problems.append(JournalProblem(kind: .malformedLine, line: line,
                                               message: "record \(seq) (\(String(decoding: kind, as: UTF8.self))) could not be decoded: \(error)"))
            }
        }
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
public struct SessionStart: Codable, Sendable, Equatable {
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
public struct SessionEnd: Codable, Sendable, Equatable {
    public var reason: String
    public init(reason: String) { self.reason = reason }
}
