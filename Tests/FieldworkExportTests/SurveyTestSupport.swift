import FieldworkChecker
import FieldworkEngine
import FieldworkJournal
import Foundation
@testable import FieldworkExport

/// A small questionnaire with every construct the export maps: a filter, a multiple choice driving
/// a loop, a text question, specify text, don't know/refused and an identifier sample field.
func surveyQuestionnaire(version: String = "1", extraQuestion: Bool = false, dropText: Bool = false) -> String {
    let text = dropText ? "" : """
        {"id": "comment", "type": "text", "text": "Any comment?", "maxLength": 100},
        """
    let extra = extraQuestion ? """
        {"id": "rating", "type": "single", "text": "Rate us", "codeFrame": "yesno"},
        """ : ""
    return """
    {"id": "tq", "version": "\(version)", "title": "Test <survey>", "languages": ["en"],
     "missingCodes": {"dontKnow": -1, "refused": -2}, "targetMinutes": 5,
     "sampleFields": [{"name": "phone", "type": "phone", "identifier": true, "label": "Phone"},
                      {"name": "region", "type": "text", "label": "Region"}],
     "codeFrames": {"yesno": [{"code": 1, "name": "yes", "label": "Yes"}, {"code": 2, "name": "no", "label": "No"}],
                    "kinds": [{"code": 1, "name": "theft", "label": "Theft"}, {"code": 2, "name": "fraud", "label": "Fraud"},
                              {"code": 3, "name": "other", "label": "Other", "specify": {"maxLength": 50}},
                              {"code": 9, "name": "none", "label": "None", "exclusive": true}]},
     "sections": [{"id": "main", "title": "Main", "items": [
        {"id": "victim", "type": "single", "text": "Any crime?", "codeFrame": "yesno"},
        {"id": "count", "type": "integer", "text": "How many?", "min": 0, "max": 99, "askIf": "victim == 'yes'"},
        {"id": "kinds", "type": "multiple", "text": "Which kinds?", "codeFrame": "kinds", "askIf": "victim == 'yes'"},
        {"id": "forms", "type": "loop", "forEach": "kinds", "items": [
            {"id": "cost", "type": "integer", "text": "Cost?", "min": 0, "max": 1000}
        ]},
        \(text)
        \(extra)
        {"id": "end", "type": "single", "text": "Recontact?", "codeFrame": "yesno"}
     ]}]}
    """
}

/// A survey directory in a temporary folder, recording interviews through the real recorder.
struct SurveyFixture {
    let root: URL
    var directory: SurveyDirectory
    var instrument: Instrument
    var stamp: QuestionnaireStamp

    init(questionnaire: String = surveyQuestionnaire()) throws {
        root = try makeTemporaryDirectory().appendingPathComponent("survey")
        let bytes = Data(questionnaire.utf8)
        let (instrument, diagnostics) = Checker.check(bytes: [UInt8](bytes), file: "tq.json")
        guard let instrument else { throw FixtureError(message: diagnostics.map(\.description).joined(separator: "\n")) }
        self.instrument = instrument
        directory = try SurveyDirectory.create(at: root, questionnaireBytes: bytes, questionnaireID: "tq", version: instrument.questionnaire.version)
        stamp = QuestionnaireStamp(id: "tq", version: instrument.questionnaire.version, sha256: SurveyDirectory.sha256Hex(bytes))
    }

    /// Pins a new questionnaire version; later interviews use it.
    mutating func change(to questionnaire: String) throws {
        let bytes = Data(questionnaire.utf8)
        let (instrument, diagnostics) = Checker.check(bytes: [UInt8](bytes), file: "tq.json")
        guard let instrument else { throw FixtureError(message: diagnostics.map(\.description).joined(separator: "\n")) }
        _ = try directory.pin(questionnaireBytes: bytes, questionnaireID: "tq", version: instrument.questionnaire.version)
        self.instrument = instrument
        stamp = QuestionnaireStamp(id: "tq", version: instrument.questionnaire.version, sha256: SurveyDirectory.sha256Hex(bytes))
    }

    /// Records an interview from commands; `complete` adds the completion at the end.
    @discardableResult
    func record(_ caseID: String, _ commands: [InterviewCommand], complete: Bool = true,
                sample: [String: String] = ["region": "North", "phone": "020 7946 0000"]) throws -> Interview {
        let recorder = try InterviewRecorder.open(directory: directory, caseID: try CaseID(caseID), interviewer: "iv1",
                                                  instrument: instrument, questionnaire: stamp, sample: SampleRecord(sample),
                                                  now: Date(timeIntervalSince1970: 1_767_603_600))
        var t = 1_767_603_600.0
        for command in commands + (complete ? [.complete] : []) {
            t += 10
            if case .rejected(let why) = try recorder.perform(command, at: Date(timeIntervalSince1970: t)) {
                throw FixtureError(message: "\(caseID): \(command) rejected: \(why)")
            }
        }
        recorder.close(reason: complete ? "complete" : "suspended", at: Date(timeIntervalSince1970: t + 5))
        return recorder.interview
    }

    /// Exports to CSV and reads the data file back as rows of name → text.
    func exportCSV(options: SurveyExportOptions = SurveyExportOptions(), records: CaseRecordLookup = FixtureRecords())
        throws -> (rows: [[String: String]], report: SurveyExportReport) {
        let out = root.deletingLastPathComponent().appendingPathComponent("out-\(UUID().uuidString).csv")
        let result = try SurveyExporter.export(directory: directory, records: records, format: .csv, to: out, options: options, overwrite: false)
        return (try readCSV(out), result.report)
    }

    func remove() { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
}

/// Sample fields for every case, no dispositions: as a case store that only holds the sample.
struct FixtureRecords: CaseRecordLookup {
    var fields: [String: String] = ["region": "North", "phone": "020 7946 0000"]
    func record(caseID: String) throws -> CaseRecord? { CaseRecord(fields: fields, finalDisposition: nil) }
    func finalCode(forCallOutcome outcome: String) -> String? { nil }
}

struct FixtureError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// A minimal reader for the CSV the exporter writes (quoted fields, CRLF).
func readCSV(_ url: URL) throws -> [[String: String]] {
    let text = try String(contentsOf: url, encoding: .utf8)
    var records: [[String]] = []
    var field = ""
    var record: [String] = []
    var quoted = false
    var chars = Array(text)
    chars.append("\n")
    var i = 0
    while i < chars.count {
        let c = chars[i]
        if quoted {
            if c == "\"" {
                if i + 1 < chars.count, chars[i + 1] == "\"" { field.append("\""); i += 1 } else { quoted = false }
            } else { field.append(c) }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            record.append(field); field = ""
        } else if c == "\r\n" || c == "\n" || c == "\r" {
            if !(record.isEmpty && field.isEmpty) { record.append(field); records.append(record) }
            record = []; field = ""
        } else {
            field.append(c)
        }
        i += 1
    }
    guard let header = records.first else { return [] }
    return records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
}
