import FieldworkEngine
@testable import FieldworkJournal
import FieldworkScreen
import FieldworkTerminal
import Foundation
import Testing

/// What the journal says about a partial interview, for the case screen and the re-introduction.
@Suite("Resume summary")
struct ResumeSummaryTests {
    private static let stamp = QuestionnaireStamp(id: "callroom", version: "1", sha256: "x")
    private static let start = Date(timeIntervalSince1970: 1_800_000_000)

    private func history(endReason: String?, events: [InterviewEvent]) -> CaseHistory {
        var history = CaseHistory(caseID: "S1")
        history.sessions = [
            .init(interviewer: "I2", questionnaire: Self.stamp, startedAt: Self.start, endedAt: Self.start.addingTimeInterval(60), endReason: "interrupted"),
            .init(interviewer: "I3", questionnaire: Self.stamp, startedAt: Self.start.addingTimeInterval(3600),
                  endedAt: endReason == nil ? nil : Self.start.addingTimeInterval(3900), endReason: endReason),
        ]
        history.events = events.enumerated().map { .init(event: $0.element, at: Self.start.addingTimeInterval(3600 + Double($0.offset) * 10), seq: $0.offset, session: 1) }
        return history
    }

    private func time(_ date: Date) -> String { "t+\(Int(date.timeIntervalSince(Self.start)))" }

    @Test func theCaseScreenLineNamesAnswersPlaceTimeAndInterviewer() {
        let events: [InterviewEvent] = [
            .shown(QuestionAddress(id: "q_intro")), .answered(QuestionAddress(id: "q_intro"), .seen),
            .shown(QuestionAddress(id: "q_borough")), .answered(QuestionAddress(id: "q_borough"), .choice(6, specify: nil)),
            .back, .answered(QuestionAddress(id: "q_borough"), .choice(7, specify: nil)),
            .shown(QuestionAddress(id: "q_sectors")),
        ]
        let line = InterviewResumeSummaryBuilder.caseScreenLine(history: history(endReason: "suspended", events: events), localTime: time)
        #expect(line == "Partial interview: 2 answers saved; stopped at q_sectors on t+3900 by I3 (suspended with an appointment). i resumes it.")
    }

    @Test func aCrashedSittingStopsAtItsLastEvent() {
        let events: [InterviewEvent] = [.shown(QuestionAddress(id: "q_intro")), .answered(QuestionAddress(id: "q_intro"), .seen)]
        let summary = InterviewResumeSummaryBuilder.summary(history: history(endReason: nil, events: events), answered: 1, localTime: time)
        #expect(summary == InterviewResumeSummary(lastInterviewer: "I3", stoppedAt: "t+3610", howItStopped: "not closed (a crash or a power cut)",
                                                  sittings: 2, answered: 1))
    }

    @Test func noInterviewOrAFinishedOneSaysNothing() {
        #expect(InterviewResumeSummaryBuilder.caseScreenLine(history: CaseHistory(caseID: "S1"), localTime: time) == nil)
        #expect(InterviewResumeSummaryBuilder.summary(history: CaseHistory(caseID: "S1"), answered: 0, localTime: time) == nil)
        let done = history(endReason: "completed", events: [.answered(QuestionAddress(id: "q_intro"), .seen), .completed])
        #expect(InterviewResumeSummaryBuilder.caseScreenLine(history: done, localTime: time) == nil)
    }
}
