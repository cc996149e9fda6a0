import FieldworkJournal
import FieldworkPostgres
import FieldworkPostgresStore
import Foundation
import XCTest

/// The server's journals as the commands see them (`JournalStore`): the same cases and the same
/// bytes as a survey directory holding the same records, whatever batch they are read in, and
/// batch appends that are all or nothing.
final class PostgresJournalStoreTests: XCTestCase {
    private struct Answer: Codable { var question: String; var value: Int }

    private var admin: PostgresConnection!
    private var schema: PostgresSurveySchema!
    private var root: URL!

    override func setUpWithError() throws {
        admin = try PostgresTestServer.administrator()
        schema = try PostgresTestServer.freshSurvey(admin)
        root = FileManager.default.temporaryDirectory.appendingPathComponent("fw-pg-store-\(UUID().uuidString)")
    }

    override func tearDown() {
        if let admin, let schema { PostgresTestServer.drop(schema, admin) }
        if let root { try? FileManager.default.removeItem(at: root) }
        admin = nil
    }

    func testBinaryResultsAreTheStoredBytes() throws {
        let allBytes = (0...255).map { UInt8($0) }
        let rows = try admin.executeReturningBytes("SELECT $1::text AS t, $2::bytea AS b, NULL::bytea AS n",
                                                   [.text("Zoë £5"), .bytes(allBytes)])
        XCTAssertEqual(rows.count, 1)
        XCTAssertEqual(rows[0][0], Array("Zoë £5".utf8))
        XCTAssertEqual(rows[0][1], allBytes)
        XCTAssertNil(rows[0][2] as [UInt8]?)
    }

    /// The same batches written to both stores; every case read back through `JournalStore`, in a
    /// batch size that splits the cases unevenly, in order and out of order.
    func testTheServersJournalsReadAsTheDirectorysFiles() throws {
        let survey = try SurveyDirectory.create(at: root, questionnaireBytes: Data(#"{"id":"t","version":"1"}"#.utf8),
                                                questionnaireID: "t", version: "1")
        let url = try PostgresTestServer.url()
        let server = PostgresJournalStore(url: url, schema: schema, batchSize: 3)
        let ids = (1...8).map { String(format: "C%02d", $0) }
        let start = Date(timeIntervalSince1970: 1_796_000_000.125)
        for (n, id) in ids.enumerated() {
            let records = (0...n).map { i in
                CaseJournal.PendingRecord(kind: "answer", at: start.addingTimeInterval(Double(i) * 1.001), data: Answer(question: "q\(i)", value: i))
            }
            for store in [survey as any JournalStore, server] {
                let journal = try store.openJournal(caseID: CaseID(id), holder: .current(interviewerID: "T1"))
                try journal.appendBatch(records, sync: true)
                try journal.append(kind: "interview.complete", at: start.addingTimeInterval(100), data: Answer(question: "end", value: 0))
                journal.close()
            }
        }
        XCTAssertEqual(try server.journalCaseIDs(), ids)
        XCTAssertEqual(try survey.journalCaseIDs(), ids)
        for id in ids + ["C03", "C01", "C08", "NONE"] {
            XCTAssertEqual(try server.journalBytes(caseID: id), try survey.journalBytes(caseID: id), id)
        }
        XCTAssertEqual(try server.journalBytes(caseID: "NONE"), [])
        let checked = try server.checkJournals()
        XCTAssertEqual(checked.map(\.caseID), ids)
        XCTAssertTrue(checked.allSatisfy { $0.status == .complete && !$0.corrupt })
        // A directory lists its journals shard by shard; the same journals, the same record counts.
        let onDisk = Dictionary(uniqueKeysWithValues: try survey.checkJournals().map { ($0.caseID, $0.records) })
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: checked.map { ($0.caseID, $0.records) }), onDisk)
        XCTAssertEqual(checked.map(\.records), Array(2...9))
    }

    /// A session reads journals case by case for hours: after the server dropped its reading
    /// connection (a restart, the network), the next read reopens it instead of failing for good;
    /// and a case-by-case reader never hands out a copy fetched before the case was written again.
    func testReadingCarriesOnAfterTheServerDropsTheConnectionAndNeverServesAnOldCopy() throws {
        let url = try PostgresTestServer.url()
        let start = Date(timeIntervalSince1970: 1_796_000_000.125)
        let writer = PostgresJournalStore(url: url, schema: schema)
        for id in ["C1", "C2"] {
            let journal = try writer.openJournal(caseID: CaseID(id), holder: .current(interviewerID: "T1"))
            try journal.append(kind: "answer", at: start, data: Answer(question: "q1", value: 1))
            journal.close()
        }
        let reader = PostgresJournalStore(url: url, schema: schema, batchSize: 1)
        let before = try reader.journalBytes(caseID: "C1")
        XCTAssertFalse(before.isEmpty)
        _ = try admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")
        Thread.sleep(forTimeInterval: 0.2)
        // The read that meets the dropped connection may say so; the next reads through a reopened one.
        let after = try (try? reader.journalBytes(caseID: "C1")) ?? reader.journalBytes(caseID: "C1")
        XCTAssertEqual(after, before)

        let journal = try writer.openJournal(caseID: CaseID("C2"), holder: .current(interviewerID: "T2"))
        try journal.append(kind: "interview.complete", at: start.addingTimeInterval(60), data: Answer(question: "end", value: 0))
        journal.close()
        XCTAssertTrue(String(decoding: try reader.journalBytes(caseID: "C2"), as: UTF8.self).contains("interview.complete"))
    }

    /// A batch whose record number another writer took first stores nothing of the batch.
    func testABatchIsAllOrNothing() throws {
        let url = try PostgresTestServer.url()
        let server = PostgresJournalStore(url: url, schema: schema)
        let journal = try server.openJournal(caseID: CaseID("B1"), holder: .current(interviewerID: "T1"))
        try journal.append(kind: "answer", at: Date(timeIntervalSince1970: 1_796_000_000), data: Answer(question: "a", value: 1))
        // Another program writes record 3 behind the journal's back.
        let line = try JournalLine.encode(seq: 3, caseID: "B1", at: Date(timeIntervalSince1970: 1_796_000_001), kind: "answer",
                                          json: Array(#"{"question":"x","value":9}"#.utf8))
        try admin.execute("INSERT INTO \(schema.table("journal_events")) (case_id, seq, at, kind, line, crc) VALUES ('B1', 3, now(), 'answer', $1, $2)",
                          [.bytes(line), .text(JournalLine.storedChecksum(of: line) ?? "")])
        let batch = (0..<3).map { CaseJournal.PendingRecord(kind: "answer", at: Date(timeIntervalSince1970: 1_796_000_002), data: Answer(question: "b\($0)", value: $0)) }
        XCTAssertThrowsError(try journal.appendBatch(batch, sync: true)) { error in
            XCTAssertEqual(error as? PostgresStoreError, .sequenceTaken(caseID: "B1", seq: 2))
        }
        let seqs = try admin.execute("SELECT seq FROM \(schema.table("journal_events")) WHERE case_id = 'B1' ORDER BY seq").rows.compactMap { $0.integer("seq") }
        XCTAssertEqual(seqs, [1, 3])
        journal.close()
    }
}
