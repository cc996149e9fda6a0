import FieldworkChecker
import FieldworkEngine
import FieldworkJournal
import FieldworkPostgres
import FieldworkPostgresStore
import Foundation
import XCTest

/// The real interview recorder writing to PostgreSQL: the journal it leaves is byte for byte the
/// one it leaves in a survey directory for the same interview, and it resumes from the server.
final class PostgresInterviewRecordingTests: XCTestCase {
    private let questionnaire = """
    {"id": "pq", "version": "1", "title": "Postgres recording test", "languages": ["en"],
     "missingCodes": {"dontKnow": -1, "refused": -2}, "targetMinutes": 5,
     "codeFrames": {"yesno": [{"code": 1, "name": "yes", "label": "Yes"}, {"code": 2, "name": "no", "label": "No"}]},
     "sections": [{"id": "main", "title": "Main", "items": [
        {"id": "victim", "type": "single", "text": "Any crime?", "codeFrame": "yesno", "allowDontKnow": true},
        {"id": "staff", "type": "integer", "text": "How many staff?", "min": 0, "max": 999},
        {"id": "name", "type": "text", "text": "Business name?"}
     ]}]}
    """

    private var admin: PostgresConnection!
    private var schema: PostgresSurveySchema!
    private var folder: URL?

    override func setUpWithError() throws {
        admin = try PostgresTestServer.administrator()
        schema = try PostgresTestServer.freshSurvey(admin)
    }

    override func tearDown() {
        if let admin, let schema { PostgresTestServer.drop(schema, admin) }
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }

    func testAnInterviewOnTheServerLeavesTheSameJournalAsOnFilesAndResumesFromIt() throws {
        let bytes = Data(questionnaire.utf8)
        let (checked, diagnostics) = Checker.check(bytes: [UInt8](bytes), file: "pq.json")
        let instrument = try XCTUnwrap(checked, diagnostics.map(\.description).joined(separator: "\n"))
        let stamp = QuestionnaireStamp(id: "pq", version: "1", sha256: SurveyDirectory.sha256Hex(bytes))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fieldwork-pg-rec-\(UUID().uuidString)")
        folder = url
        let directory = try SurveyDirectory.create(at: url, questionnaireBytes: bytes, questionnaireID: "pq", version: "1")
        let caseID = try CaseID("R-1")
        let start = Date(timeIntervalSince1970: 1_796_000_000.25)

        func sitting(_ recorder: InterviewRecorder) throws {
            var t = start
            for answer in [Response.choice(1, specify: nil), .number(12), .text("Zoë's Café — £")] {
                t = t.addingTimeInterval(7.031)
                guard case .recorded = try recorder.perform(.answer(answer), at: t) else { return XCTFail("\(answer) rejected") }
            }
            recorder.close(reason: "break", at: t.addingTimeInterval(1))
        }
        let onFile = try InterviewRecorder.open(directory: directory, caseID: caseID, interviewer: "iv1", instrument: instrument,
                                                questionnaire: stamp, sample: SampleRecord([:]), now: start, interviewDay: 20_000, seed: 42)
        try sitting(onFile)

        let session = try PostgresTestServer.administrator()
        let journal = try PostgresCaseJournal.open(connection: session, schema: schema, caseID: caseID.rawValue,
                                                   holder: HolderInfo.current(interviewerID: "iv1", now: start))
        let onServer = try InterviewRecorder.open(journal: journal, caseID: caseID, interviewer: "iv1", instrument: instrument,
                                                  questionnaire: stamp, sample: SampleRecord([:]), now: start, interviewDay: 20_000, seed: 42)
        try sitting(onServer)

        let fileBytes = try [UInt8](Data(contentsOf: directory.journalURL(for: caseID)))
        XCTAssertGreaterThan(fileBytes.count, 0)
        XCTAssertEqual(try PostgresJournalReader.journalBytes(connection: admin, schema: schema, caseID: caseID.rawValue), fileBytes)

        // Resuming from the server replays the answers.
        let again = try PostgresCaseJournal.open(connection: session, schema: schema, caseID: caseID.rawValue,
                                                 holder: HolderInfo.current(interviewerID: "iv2", now: start))
        let resumed = try InterviewRecorder.open(journal: again, caseID: caseID, interviewer: "iv2", instrument: instrument,
                                                 questionnaire: stamp, sample: SampleRecord([:]), now: start.addingTimeInterval(60))
        XCTAssertTrue(resumed.isResumed)
        XCTAssertEqual(resumed.interview.state.answers.count, 3)
        resumed.close(reason: "test", at: start.addingTimeInterval(61))
    }
}
