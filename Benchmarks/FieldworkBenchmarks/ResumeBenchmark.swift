import FieldworkChecker
import FieldworkEngine
import FieldworkJournal
import Foundation

/// Resuming a case: lock, read and check its journal, decode the events and replay them through
/// the engine, for a BAS case of 2,000 events (an interview with much going back and forth).
enum ResumeBenchmark {
    static func run(questionnaire path: String, quick: Bool) {
        guard let data = FileManager.default.contents(atPath: path) else { return }
        let (instrument, _) = Checker.check(bytes: [UInt8](data), file: path)
        guard let instrument else { return }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("fieldwork-resume-\(getpid())")
        defer { try? FileManager.default.removeItem(at: root) }
        do {
            let q = instrument.questionnaire
            let directory = try SurveyDirectory.create(at: root, questionnaireBytes: data, questionnaireID: q.id, version: q.version)
            let stamp = QuestionnaireStamp(id: q.id, version: q.version, sha256: SurveyDirectory.sha256Hex(data))
            // One simulated interview's events, then back-and-forth re-answers up to 2,000 events.
            var options = SimulationOptions()
            options.keepEvents = true
            options.seed = 3
            var simulator = Simulator(instrument: instrument, options: options)
            var rng = SeededRandom(seed: 4)
            let sample = SyntheticSample(instrument: instrument).record(index: 0, rng: &rng)
            var result = simulator.simulate(index: 0, sample: sample)
            var i = 1
            while !result.completed || result.events.count < 150 {
                result = simulator.simulate(index: i, sample: sample)
                i += 1
            }
            var events = result.events.map(\.0).filter { if case .completed = $0 { return false }; return true }
            var interview = Interview.replay(instrument: instrument, sample: sample, events: events).0
            while events.count < 2_000 {
                guard case .accepted(let back) = interview.decide(.back) else { break }
                for e in back { interview.apply(e) }
                events += back
                guard let key = interview.currentKey, let response = interview.activeAnswer(key),
                      case .accepted(let again) = interview.decide(.answer(response, confirming: Set(instrument.questions[Int(key.item)].checks.map(\.check.id)))) else { break }
                for e in again { interview.apply(e) }
                events += again
            }
            let caseID = try CaseID("RESUME-1")
            let journal = try CaseJournal.open(directory: directory, caseID: caseID, holder: .current(interviewerID: "bench"))
            var records: [CaseJournal.PendingRecord] = [.init(kind: JournalCodec.sessionStartKind, at: Date(),
                                                               data: SessionStart(interviewer: "bench", questionnaire: stamp, resumed: false))]
            records += events.map { .init(kind: JournalCodec.eventPrefix + $0.kind, at: Date(), data: $0) }
            try journal.appendBatch(records)
            journal.close()
            var times: [Double] = []
            for _ in 0..<(quick ? 3 : 9) {
                let t0 = now()
                let recorder = try InterviewRecorder.open(directory: directory, caseID: caseID, interviewer: "bench",
                                                          instrument: instrument, questionnaire: stamp, sample: sample)
                times.append(now() - t0)
                precondition(recorder.replayProblems.isEmpty && recorder.interview.state.eventCount >= events.count)
                recorder.close(reason: "bench")
            }
            times.sort()
            BenchmarkResult(name: "journal.resume_2000_event_case", value: times[times.count / 2] * 1000, unit: "ms",
                            details: ["events": Double(events.count), "max_ms": times.last! * 1000]).emit()
        } catch {
            BenchmarkResult(name: "journal.resume_error", value: 0, unit: "\(error)").emit()
        }
    }
}
