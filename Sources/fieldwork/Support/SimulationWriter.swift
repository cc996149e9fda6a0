import FieldworkBasics
import FieldworkCases
import FieldworkChecker
import FieldworkEngine
import FieldworkJournal
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes simulated interviews into a survey directory as real journals, so exports, reports and
/// benchmarks have realistic data at any scale. Each interview becomes a case `SIM-<seed>-<n>`.
/// Records are flushed once at the end rather than per record: generated data is not precious,
/// and per-record fsync would make 100,000 interviews take hours.
final class SimulationWriter {
    let directory: SurveyDirectory
    let stamp: QuestionnaireStamp
    let interviewer: String
    let seed: UInt64
    let start: Date
    private(set) var written = 0
    /// Each written case with what case management needs: sample fields and the final call.
    private(set) var cases: [(id: String, sample: SampleRecord, outcome: CallOutcome, rule: String, end: Date)] = []

    init(directory path: String, questionnairePath: String, instrument: Instrument, interviewer: String, seed: UInt64,
         start: Date = Date(timeIntervalSince1970: 1_767_603_600)) throws {
        guard let bytes = FileManager.default.contents(atPath: questionnairePath) else {
            throw ValidationErrorMessage("cannot read \(questionnairePath)")
        }
        let url = URL(fileURLWithPath: path)
        let q = instrument.questionnaire
        let directory = try SurveyDirectory.create(at: url, questionnaireBytes: bytes, questionnaireID: q.id, version: q.version)
        self.directory = directory
        self.stamp = QuestionnaireStamp(id: q.id, version: q.version, sha256: SurveyDirectory.sha256Hex(bytes))
        self.interviewer = interviewer
        self.seed = seed
        self.start = start
    }

    func write(_ interview: SimulatedInterview) throws {
        let id = "SIM-\(seed)-\(DecimalText.zeroPadded(interview.index + 1, width: 6))"
        let caseID = try CaseID(id)
        let journal = try CaseJournal.open(directory: directory, caseID: caseID, holder: HolderInfo.current(interviewerID: interviewer))
        defer { journal.close() }
        // Interviews start half an hour apart, in order.
        let t0 = start.addingTimeInterval(Double(interview.index) * 1800)
        var records: [CaseJournal.PendingRecord] = []
        records.append(.init(kind: JournalCodec.sessionStartKind, at: t0,
                             data: SessionStart(interviewer: interviewer, questionnaire: stamp, resumed: false)))
        for (event, seconds) in interview.events {
            records.append(.init(kind: JournalCodec.eventPrefix + event.kind, at: t0.addingTimeInterval(seconds), data: event))
        }
        let end = t0.addingTimeInterval(interview.seconds)
        let (outcome, rule) = Self.call(for: interview)
        let journalOutcome = interview.completed ? "complete" : (interview.endedWith ?? "breakoff")
        records.append(.init(kind: JournalCodec.callOutcomeKind, at: end,
                             data: CaseHistory.CallOutcome(outcome: journalOutcome, note: nil, interviewer: interviewer)))
        records.append(.init(kind: JournalCodec.sessionEndKind, at: end,
                             data: SessionEnd(reason: interview.completed ? "complete" : (interview.endedWith == nil ? "breakoff" : "ended"))))
        try journal.appendBatch(records, sync: false)
        written += 1
        cases.append((id, interview.sample, outcome, rule, end))
    }

    /// The call a simulated interview stands for: complete (1.1), the outcome of the `end` item
    /// that closed it, or a break-off when the simulation could not finish it.
    static func call(for interview: SimulatedInterview) -> (CallOutcome, String) {
        if interview.completed { return (.interviewComplete, "interview completed") }
        if let ended = interview.endedWith, let outcome = CallOutcome(rawValue: ended) {
            return (outcome, "questionnaire end → \(ended)")
        }
        return (.breakOff, "simulation could not finish the interview")
    }

    /// Flushes the journals, then puts every case into the case store (cases.sqlite) with its
    /// sample record and its final call (complete → AAPOR 1.1, an `end` item's outcome → its code,
    /// otherwise a break-off, 2.12), so
    /// exports get sample fields and dispositions as they would in real fieldwork.
    func finish() throws {
        sync()
        let store = try SQLiteCaseStore(surveyDirectory: directory.root)
        let batch = 5_000
        var start = 0
        while start < cases.count {
            let slice = cases[start..<min(cases.count, start + batch)]
            let sample = ParsedSample(source: "simulation seed \(seed)", columns: [SampleSchema.caseIDColumn],
                                      cases: slice.map { SampleCase(id: $0.id, fields: $0.sample.fields) })
            _ = try store.importCases(sample, now: self.start)
            start += batch
        }
        // Final calls in batches, one transaction each; cases already final (an earlier run with the
        // same seed) are skipped.
        start = 0
        while start < cases.count {
            let slice = cases[start..<min(cases.count, start + batch)]
            _ = try store.recordAttempts(slice.map { c in
                (CallAttemptInput(caseID: c.id, interviewer: interviewer, outcome: c.outcome, note: "simulated",
                                  dispositionRule: c.rule), c.end)
            })
            start += batch
        }
    }
}

struct ValidationErrorMessage: Error, CustomStringConvertible, LocalizedError {
    var description: String
    init(_ d: String) { description = d }
    var errorDescription: String? { description }
}
