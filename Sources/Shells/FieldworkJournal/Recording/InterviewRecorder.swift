import FieldworkChecker
import FieldworkEngine
import Foundation

/// Why an interview could not be opened or an answer not recorded, in words an interviewer or
/// supervisor can act on.
public enum RecordingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The case was last worked on with a different questionnaire.
    case questionnaireChanged(previous: QuestionnaireStamp, current: QuestionnaireStamp)
    case journal(JournalError)
    case sample([String])

    public var description: String {
        switch self {
        case .questionnaireChanged(let p, let c):
            return "this case was started with questionnaire \(p.id) version \(p.version) (\(p.sha256.prefix(12))), "
                + "but the survey now uses version \(c.version) (\(c.sha256.prefix(12))). Earlier answers may not fit the new "
                + "questions. Resume only if the change is understood: pass --accept-questionnaire-change."
        case .journal(let e): return e.description
        case .sample(let problems): return "the case's sample record is incomplete: " + problems.joined(separator: "; ")
        }
    }
}

/// Runs an interview against its journal: every accepted command is appended durably first and
/// applied to the engine only afterwards, so what the interviewer sees is always on disk.
public final class InterviewRecorder {
    /// The case's journal: a file in a survey directory, or a table on PostgreSQL.
    public let journal: any JournalWriter
    public let instrument: Instrument
    public let interviewer: String
    public private(set) var interview: Interview
    /// The journal as it was when the case was opened.
    public let history: CaseHistory
    /// Events from earlier sittings that no longer fit the questionnaire.
    public let replayProblems: [ReplayProblem]
    public var isResumed: Bool { !history.events.isEmpty }

    public static func open(directory: SurveyDirectory, caseID: CaseID, interviewer: String, instrument: Instrument,
                            questionnaire: QuestionnaireStamp, sample: SampleRecord,
                            acceptQuestionnaireChange: Bool = false, now: Date = Date(),
                            interviewDay: Int? = nil, seed: UInt64? = nil) throws -> InterviewRecorder {
        let problems = sample.problems(for: instrument)
        guard problems.isEmpty else { throw RecordingError.sample(problems) }
        let journal: CaseJournal
        do {
            journal = try CaseJournal.open(directory: directory, caseID: caseID,
                                           holder: HolderInfo.current(interviewerID: interviewer, now: now))
        } catch let e as JournalError {
            throw RecordingError.journal(e)
        }
        return try open(journal: journal, caseID: caseID, interviewer: interviewer, instrument: instrument,
                        questionnaire: questionnaire, sample: sample, acceptQuestionnaireChange: acceptQuestionnaireChange,
                        now: now, interviewDay: interviewDay, seed: seed)
    }

    /// Runs the interview of `caseID` on a journal the caller opened (and so holds exclusively);
    /// the recorder closes it when the sitting ends or opening fails.
    public static func open(journal: any JournalWriter, caseID: CaseID, interviewer: String, instrument: Instrument,
                            questionnaire: QuestionnaireStamp, sample: SampleRecord,
                            acceptQuestionnaireChange: Bool = false, now: Date = Date(),
                            interviewDay: Int? = nil, seed: UInt64? = nil) throws -> InterviewRecorder {
        let problems = sample.problems(for: instrument)
        guard problems.isEmpty else {
            journal.close()
            throw RecordingError.sample(problems)
        }
        let history = CaseHistory(caseID: caseID.rawValue, read: journal.existing)
        if let previous = history.lastQuestionnaire, previous.sha256 != questionnaire.sha256, !acceptQuestionnaireChange {
            journal.close()
            throw RecordingError.questionnaireChanged(previous: previous, current: questionnaire)
        }
        // The interview's date (what `today()` reads): the one journalled when it started, else
        // today's, given by the caller in the survey's zone (UTC when not given).
        let events = history.interviewEvents
        let dated = events.contains { if case .interviewDated = $0 { true } else { false } }
        let day = interviewDay ?? Int((now.timeIntervalSince1970 / 86_400).rounded(.down))
        // The interview's seed (random and rotated orders): the journalled one, else a fresh draw
        // from the system's random source (or the caller's, in tests).
        let seeded = events.contains { if case .seeded = $0 { true } else { false } }
        let newSeed = seed ?? UInt64.random(in: 0..<DrawnOrder.seedLimit)
        let (interview, replayProblems) = Interview.replay(instrument: instrument, sample: sample, events: events, interviewDay: day,
                                                           seed: newSeed)
        let recorder = InterviewRecorder(journal: journal, instrument: instrument, interviewer: interviewer,
                                         interview: interview, history: history, replayProblems: replayProblems)
        let changed = history.lastQuestionnaire.map { $0.sha256 != questionnaire.sha256 } ?? false
        do {
            _ = try journal.append(kind: JournalCodec.sessionStartKind, at: now,
                                   data: SessionStart(interviewer: interviewer, questionnaire: questionnaire,
                                                      resumed: !history.events.isEmpty, questionnaireChangeAccepted: changed ? true : nil))
            if instrument.usesInterviewDate && !dated && recorder.interview.state.status.isOpen {
                try recorder.append(.interviewDated(day: day), at: now)
            }
            if instrument.usesDrawnOrder && !seeded && recorder.interview.state.status.isOpen {
                try recorder.append(.seeded(newSeed), at: now)
            }
            if recorder.interview.state.status == .suspended {
                try recorder.append(.resumed, at: now)
            }
        } catch let e as JournalError {
            journal.close()
            throw RecordingError.journal(e)
        } catch {
            journal.close()
            throw error
        }
        return recorder
    }

    private init(journal: any JournalWriter, instrument: Instrument, interviewer: String, interview: Interview,
                 history: CaseHistory, replayProblems: [ReplayProblem]) {
        self.journal = journal
        self.instrument = instrument
        self.interviewer = interviewer
        self.interview = interview
        self.history = history
        self.replayProblems = replayProblems
    }

    public enum Outcome: Sendable {
        /// Recorded durably and applied.
        case recorded(ApplyEffect)
        case rejected(Rejection)
    }

    /// Decides a command; if accepted, journals its events (each durable before the next) and
    /// applies them. A journal error leaves the engine exactly as far as the journal got.
    public func perform(_ command: InterviewCommand, at now: Date = Date()) throws -> Outcome {
        switch interview.decide(command) {
        case .rejected(let r):
            return .rejected(r)
        case .accepted(let events):
            var effect = ApplyEffect()
            for event in events {
                let e = try append(event, at: now)
                effect.leftPath += e.leftPath
            }
            return .recorded(effect)
        }
    }

    /// Paradata: the current question appeared on screen.
    public func recordShown(at now: Date = Date()) throws {
        guard let key = interview.currentKey else { return }
        _ = try append(.shown(interview.address(of: key)), at: now)
    }

    /// The result of the call this sitting belonged to (no answer, refusal, complete …).
    public func recordCallOutcome(_ outcome: String, note: String? = nil, at now: Date = Date()) throws {
        do {
            _ = try journal.append(kind: JournalCodec.callOutcomeKind, at: now,
                                   data: CaseHistory.CallOutcome(outcome: outcome, note: note, interviewer: interviewer))
        } catch let e as JournalError { throw RecordingError.journal(e) }
    }

    /// Ends the sitting and releases the case.
    public func close(reason: String, at now: Date = Date()) {
        _ = try? journal.append(kind: JournalCodec.sessionEndKind, at: now, data: SessionEnd(reason: reason))
        journal.close()
    }

    @discardableResult
    private func append(_ event: InterviewEvent, at now: Date) throws -> ApplyEffect {
        do {
            _ = try journal.append(kind: JournalCodec.kind(of: event), at: now, data: event)
        } catch let e as JournalError {
            throw RecordingError.journal(e)
        }
        switch interview.apply(event) {
        case .success(let effect): return effect
        case .failure: return ApplyEffect()
        }
    }
}
