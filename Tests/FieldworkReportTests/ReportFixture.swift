import FieldworkCases
import FieldworkChecker
import FieldworkEngine
import FieldworkJournal
import Foundation
import GRDB

/// A small questionnaire: a single choice with don't know and refused, a number, a multiple choice.
let reportQuestionnaire = """
{"id": "rq", "version": "1", "title": "Report test", "languages": ["en"],
 "missingCodes": {"dontKnow": -1, "refused": -2}, "targetMinutes": 10,
 "codeFrames": {"yesno": [{"code": 1, "name": "yes", "label": "Yes"}, {"code": 2, "name": "no", "label": "No"}],
                "kinds": [{"code": 1, "name": "theft", "label": "Theft"}, {"code": 2, "name": "fraud", "label": "Fraud"},
                          {"code": 3, "name": "damage", "label": "Damage"}]},
 "sections": [{"id": "main", "title": "Main", "items": [
    {"id": "victim", "type": "single", "text": "Any crime?", "codeFrame": "yesno", "allowDontKnow": true, "allowRefused": true},
    {"id": "staff", "type": "integer", "text": "How many staff?", "min": 0, "max": 999, "allowDontKnow": true},
    {"id": "kinds", "type": "multiple", "text": "Which kinds?", "codeFrame": "kinds", "allowDontKnow": true}
 ]}]}
"""

struct ReportFixtureError: Error, CustomStringConvertible {
    var description: String
}

/// A survey directory in a temporary folder with journals written by the real recorder and a case
/// store filled through `SQLiteCaseStore`, so the report reads what fieldwork would have written.
struct ReportFixture {
    let root: URL
    let directory: SurveyDirectory
    let instrument: Instrument
    let stamp: QuestionnaireStamp

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("fieldwork-report-tests-\(UUID().uuidString)")
            .appendingPathComponent("survey")
        let bytes = Data(reportQuestionnaire.utf8)
        let (instrument, diagnostics) = Checker.check(bytes: [UInt8](bytes), file: "rq.json")
        guard let instrument else { throw ReportFixtureError(description: diagnostics.map(\.description).joined(separator: "\n")) }
        self.instrument = instrument
        directory = try SurveyDirectory.create(at: root, questionnaireBytes: bytes, questionnaireID: "rq", version: "1")
        stamp = QuestionnaireStamp(id: "rq", version: "1", sha256: SurveyDirectory.sha256Hex(bytes))
    }

    /// Records a completed interview lasting `minutes`, starting at `start`.
    func interview(_ caseID: String, by interviewer: String, start: Date, minutes: Double, answers: [Response]) throws {
        let recorder = try InterviewRecorder.open(directory: directory, caseID: try CaseID(caseID), interviewer: interviewer,
                                                  instrument: instrument, questionnaire: stamp, sample: SampleRecord([:]), now: start)
        let step = minutes * 60 / Double(answers.count + 1)
        var t = start
        for answer in answers {
            t = t.addingTimeInterval(step)
            if case .rejected(let why) = try recorder.perform(.answer(answer), at: t) {
                throw ReportFixtureError(description: "\(caseID): \(answer) rejected: \(why)")
            }
        }
        let end = start.addingTimeInterval(minutes * 60)
        _ = try recorder.perform(.complete, at: end)
        recorder.close(reason: "complete", at: end)
    }

    func store(_ rules: SchedulingRules = SchedulingRules()) throws -> SQLiteCaseStore {
        try SQLiteCaseStore(surveyDirectory: root, rules: rules)
    }

    func importCases(_ ids: [String], store: SQLiteCaseStore) throws {
        _ = try store.importCases(ParsedSample(source: "test", columns: ["case_id"], cases: ids.map { SampleCase(id: $0, fields: [:]) }),
                                  now: Date(timeIntervalSince1970: 1_780_000_000))
    }

    /// Stores weights as `fieldwork weight` does.
    func addWeights(_ weights: [String: Double]) throws {
        let run = WeightingRun(at: Date(timeIntervalSince1970: 1_780_000_000), marginsFile: "test.csv", margins: ["test"],
                               baseField: nil, cap: nil, tolerance: 1e-9, maxIterations: 100, iterations: 1, converged: true,
                               trimRounds: 0, trimmedCases: 0, cases: weights.count, designEffect: 1)
        try store().storeWeights(weights, run: run)
    }

    func remove() { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
}

/// An instant from ISO-8601 text with its zone.
func instant(_ text: String) -> Date {
    ISO8601DateFormatter().date(from: text)!
}
