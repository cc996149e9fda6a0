import FieldworkJournal
import FieldworkPostgres
import FieldworkPostgresStore
import Foundation
import XCTest

/// Journals moved from a survey directory to PostgreSQL and back arrive byte for byte.
final class PostgresJournalCopyTests: XCTestCase {
    private struct Answer: Codable { var question: String; var value: Int }

    private var admin: PostgresConnection!
    private var schema: PostgresSurveySchema!
    private var folders: [URL] = []

    override func setUpWithError() throws {
        admin = try PostgresTestServer.administrator()
        schema = try PostgresTestServer.freshSurvey(admin)
    }

    override func tearDown() {
        if let admin, let schema { PostgresTestServer.drop(schema, admin) }
        for folder in folders { try? FileManager.default.removeItem(at: folder) }
    }

    private func survey() throws -> SurveyDirectory {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("fieldwork-copy-\(UUID().uuidString)")
        folders.append(url)
        return try SurveyDirectory.create(at: url, questionnaireBytes: Data(#"{"id":"q","version":"1","questions":[]}"#.utf8),
                                          questionnaireID: "q", version: "1")
    }

    private func fill(_ directory: SurveyDirectory, cases: [String], records: Int) throws {
        let holder = HolderInfo(interviewerID: "INT01", pid: 1, hostname: "h", since: Date(timeIntervalSince1970: 0))
        for (index, id) in cases.enumerated() {
            let journal = try CaseJournal.open(directory: directory, caseID: CaseID(id), holder: holder)
            for n in 0..<records {
                // Times with milliseconds that are not exact in binary, to catch any re-encoding.
                let at = Date(timeIntervalSince1970: 1_796_000_000.001 + Double(index) * 0.007 + Double(n) * 1.003)
                try journal.append(kind: "answer", at: at, data: Answer(question: "q\(n)", value: n * 7 + index))
            }
            journal.close()
        }
    }

    func testDirectoryToServerAndBackIsByteIdentical() throws {
        let source = try survey()
        let cases = ["A-1", "B.2", "c_3", "D4"]
        try fill(source, cases: cases, records: 25)
        let there = try PostgresJournalCopy.copy(from: source, to: admin, schema: schema)
        XCTAssertEqual(there.journals, 4)
        XCTAssertEqual(there.records, 100)
        for id in cases {
            let file = try [UInt8](Data(contentsOf: source.journalURL(for: CaseID(id))))
            XCTAssertEqual(try PostgresJournalReader.journalBytes(connection: admin, schema: schema, caseID: id), file, id)
        }
        let back = try survey()
        let returned = try PostgresJournalCopy.copy(from: admin, schema: schema, to: back)
        XCTAssertEqual(returned.records, 100)
        for id in cases {
            let original = try Data(contentsOf: source.journalURL(for: CaseID(id)))
            XCTAssertEqual(try Data(contentsOf: back.journalURL(for: CaseID(id))), original, id)
            let attributes = try FileManager.default.attributesOfItem(atPath: back.journalURL(for: CaseID(id)).path)
            XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        }
        // The copied journal is a working journal: it opens and continues.
        let reopened = try CaseJournal.open(directory: back, caseID: CaseID("A-1"),
                                            holder: HolderInfo(interviewerID: "I", pid: 1, hostname: "h", since: Date()))
        XCTAssertEqual(try reopened.append(kind: "answer", data: Answer(question: "more", value: 1)).seq, 26)
        reopened.close()
    }

    func testADamagedSourceJournalStopsTheCopyWithNothingWritten() throws {
        let source = try survey()
        try fill(source, cases: ["OK1", "BAD"], records: 3)
        let url = source.journalURL(for: try CaseID("BAD"))
        var bytes = try [UInt8](Data(contentsOf: url))
        let index = bytes.firstIndex(of: UInt8(ascii: "q"))!
        bytes[index] = UInt8(ascii: "Q")
        try Data(bytes).write(to: url)
        XCTAssertThrowsError(try PostgresJournalCopy.copy(from: source, to: admin, schema: schema)) { error in
            XCTAssertEqual(error as? PostgresJournalCopy.Refusal, .damagedAtSource(["BAD"]))
        }
        XCTAssertEqual(try PostgresJournalReader.caseIDs(connection: admin, schema: schema), [])
    }

    func testACrashTraceIsLeftOutAndSaidSo() throws {
        let source = try survey()
        try fill(source, cases: ["T1"], records: 2)
        let url = source.journalURL(for: try CaseID("T1"))
        let whole = try Data(contentsOf: url)
        let handle = try FileHandle(forWritingTo: url)
        handle.seekToEndOfFile()
        handle.write(Data(#"{"v":1,"seq":3,"case":"T1","at":"2026-11"#.utf8))
        handle.closeFile()
        let summary = try PostgresJournalCopy.copy(from: source, to: admin, schema: schema)
        XCTAssertEqual(summary.records, 2)
        XCTAssertEqual(summary.crashTracesLeftOut, ["T1"])
        XCTAssertEqual(try PostgresJournalReader.journalBytes(connection: admin, schema: schema, caseID: "T1"), [UInt8](whole))
    }

    func testCopyingOntoExistingJournalsIsRefused() throws {
        let source = try survey()
        try fill(source, cases: ["X1", "X2"], records: 2)
        _ = try PostgresJournalCopy.copy(from: source, to: admin, schema: schema)
        XCTAssertThrowsError(try PostgresJournalCopy.copy(from: source, to: admin, schema: schema)) { error in
            XCTAssertEqual(error as? PostgresJournalCopy.Refusal, .alreadyAtDestination(["X1", "X2"]))
        }
        XCTAssertEqual(try admin.execute("SELECT count(*) AS n FROM \(schema.table("journal_events"))")[0].integer("n"), 4)
        // Back into the directory they came from: refused, the files are untouched.
        let before = try Data(contentsOf: source.journalURL(for: CaseID("X1")))
        XCTAssertThrowsError(try PostgresJournalCopy.copy(from: admin, schema: schema, to: source)) { error in
            XCTAssertEqual(error as? PostgresJournalCopy.Refusal, .alreadyAtDestination(["X1", "X2"]))
        }
        XCTAssertEqual(try Data(contentsOf: source.journalURL(for: CaseID("X1"))), before)
    }
}
