import FieldworkJournal
import FieldworkPostgres
import FieldworkPostgresStore
import Foundation
import XCTest

/// The journal in PostgreSQL against a real server: same bytes as the file journal, one writer per
/// case, append-only for the interviewer's role, tampering found by the checksums.
final class PostgresCaseJournalTests: XCTestCase {
    private struct Answer: Codable, Equatable {
        var question: String
        var value: Int
        var note: String?
    }

    private let holder = HolderInfo(interviewerID: "INT07", pid: 4242, hostname: "cati-03",
                                    since: Date(timeIntervalSince1970: 1_796_000_000))
    private let start = Date(timeIntervalSince1970: 1_796_000_000.125)

    private var admin: PostgresConnection!
    private var schema: PostgresSurveySchema!
    private var logins: [String] = []

    override func setUpWithError() throws {
        admin = try PostgresTestServer.administrator()
        schema = try PostgresTestServer.freshSurvey(admin)
    }

    override func tearDown() {
        if let admin, let schema { PostgresTestServer.drop(schema, logins: logins, admin) }
        admin = nil
    }

    private func writeSampleRecords(_ append: (String, Date, Answer) throws -> Void) throws {
        try append("answer", start, Answer(question: "age", value: 42, note: nil))
        try append("answer", start.addingTimeInterval(3.5), Answer(question: "name", value: 1, note: "Zoë \"Z\" O'Neill / £5\tτ"))
        try append("interview.complete", start.addingTimeInterval(61), Answer(question: "end", value: 0, note: nil))
    }

    func testTheJournalRowsAreByteForByteTheFileJournal() throws {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("fieldwork-pg-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temporary) }
        let directory = try SurveyDirectory.create(at: temporary, questionnaireBytes: Data(#"{"id":"q","version":"1","questions":[]}"#.utf8),
                                                   questionnaireID: "q", version: "1")
        let fileJournal = try CaseJournal.open(directory: directory, caseID: CaseID("C-001"), holder: holder)
        try writeSampleRecords { kind, at, answer in _ = try fileJournal.append(kind: kind, at: at, data: answer) }
        fileJournal.close()

        let journal = try PostgresCaseJournal.open(connection: admin, schema: schema, caseID: "C-001", holder: holder)
        try writeSampleRecords { kind, at, answer in _ = try journal.append(kind: kind, at: at, data: answer) }
        journal.close()

        let fileBytes = try [UInt8](Data(contentsOf: directory.journalURL(for: CaseID("C-001"))))
        let serverBytes = try PostgresJournalReader.journalBytes(connection: admin, schema: schema, caseID: "C-001")
        XCTAssertEqual(serverBytes.count, fileBytes.count)
        XCTAssertEqual(serverBytes, fileBytes)

        // Read back: the same records, checked the same way, no problems.
        let read = try PostgresJournalReader.read(connection: admin, schema: schema, caseID: "C-001")
        XCTAssertEqual(read.problems, [])
        XCTAssertEqual(read.records.map(\.seq), [1, 2, 3])
        XCTAssertEqual(try read.records[1].decode(Answer.self).note, "Zoë \"Z\" O'Neill / £5\tτ")
        XCTAssertTrue(read.isComplete)
        // The row's columns hold what the line says.
        let rows = try admin.execute("SELECT seq, kind, crc, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') AS at FROM \(schema.table("journal_events")) ORDER BY seq")
        XCTAssertEqual(rows.rows.map { $0.text("kind") }, ["answer", "answer", "interview.complete"])
        XCTAssertEqual(rows[0].text("at"), "2026-11-30T00:53:20.125Z")
        let lines = fileBytes.split(separator: UInt8(ascii: "\n")).map { Array($0) + [UInt8(ascii: "\n")] }
        XCTAssertEqual(rows.rows.map { $0.text("crc") }, lines.map { JournalLine.storedChecksum(of: $0) })
        XCTAssertEqual(lines.map { JournalLine.storedChecksum(of: $0) }, lines.map { JournalLine.computedChecksum(of: $0) })
    }

    func testReopeningContinuesTheSequence() throws {
        let first = try PostgresCaseJournal.open(connection: admin, schema: schema, caseID: "C1", holder: holder)
        try first.append(kind: "answer", at: start, data: Answer(question: "a", value: 1))
        first.close()
        let second = try PostgresCaseJournal.open(connection: admin, schema: schema, caseID: "C1", holder: holder)
        XCTAssertEqual(second.existing.records.map(\.seq), [1])
        XCTAssertEqual(try second.append(kind: "answer", at: start, data: Answer(question: "b", value: 2)).seq, 2)
        second.close()
    }

    func testASecondSessionIsRefusedTheCaseAndToldWhoHasIt() throws {
        let holding = try PostgresCaseJournal.open(connection: admin, schema: schema, caseID: "C2", holder: holder)
        let other = try PostgresTestServer.administrator()
        XCTAssertThrowsError(try PostgresCaseJournal.open(connection: other, schema: schema, caseID: "C2",
                                                          holder: HolderInfo(interviewerID: "INT09", pid: 1, hostname: "h", since: start))) { error in
            guard case let .caseLocked(caseID, found) = error as? JournalError else { return XCTFail("\(error)") }
            XCTAssertEqual(caseID, "C2")
            XCTAssertEqual(found?.interviewerID, "INT07")
        }
        XCTAssertEqual(try PostgresCaseJournal.currentHolder(connection: other, schema: schema, caseID: "C2")?.hostname, "cati-03")
        // Another case is free.
        try PostgresCaseJournal.open(connection: other, schema: schema, caseID: "C3", holder: holder).close()
        holding.close()
        XCTAssertNil(try PostgresCaseJournal.currentHolder(connection: other, schema: schema, caseID: "C2"))
        try PostgresCaseJournal.open(connection: other, schema: schema, caseID: "C2", holder: holder).close()
    }

    func testASessionThatDiesGivesTheCaseBack() throws {
        let dying = try PostgresTestServer.administrator()
        _ = try PostgresCaseJournal.open(connection: dying, schema: schema, caseID: "C4", holder: holder)
        dying.close() // the process's session ends: the server drops its advisory lock
        let journal = try PostgresCaseJournal.open(connection: admin, schema: schema, caseID: "C4", holder: holder)
        journal.close()
    }

    func testTheKeyStopsASecondWriterThatBypassedTheLock() throws {
        let journal = try PostgresCaseJournal.open(connection: admin, schema: schema, caseID: "C5", holder: holder)
        try journal.append(kind: "answer", at: start, data: Answer(question: "a", value: 1))
        // Another writer (not going through the lock) takes record 2 first.
        let other = try PostgresTestServer.administrator()
        let line = try JournalLine.encode(seq: 2, caseID: "C5", at: start, kind: "answer", json: Array(#"{"x":1}"#.utf8))
        try other.execute("INSERT INTO \(schema.table("journal_events")) (case_id, seq, at, kind, line, crc) VALUES ($1, 2, now(), 'answer', $2, $3)",
                          [.text("C5"), .bytes(line), .text(JournalLine.storedChecksum(of: line)!)])
        XCTAssertThrowsError(try journal.append(kind: "answer", at: start, data: Answer(question: "b", value: 2))) { error in
            XCTAssertEqual(error as? PostgresStoreError, .sequenceTaken(caseID: "C5", seq: 2))
        }
        let stored = try PostgresJournalReader.read(connection: admin, schema: schema, caseID: "C5")
        XCTAssertEqual(stored.records.count, 2)
        XCTAssertEqual(String(decoding: stored.records[1].data, as: UTF8.self), #"{"x":1}"#, "the refused record was not stored")
        // After the refusal the journal knows the new end and numbers the next record after it.
        XCTAssertEqual(try journal.append(kind: "answer", at: start, data: Answer(question: "c", value: 3)).seq, 3)
        journal.close()
    }

    func testALostConnectionLosesNothingAcknowledgedAndTheJournalCarriesOnWhenTheServerAnswersAgain() throws {
        let session = try PostgresTestServer.administrator()
        let journal = try PostgresCaseJournal.open(connection: session, schema: schema, caseID: "C8", holder: holder)
        try journal.append(kind: "answer", at: start, data: Answer(question: "a", value: 1))
        let pid = try session.execute("SELECT pg_backend_pid() AS pid")[0].integer("pid")!
        // The server ends the session (as a restart or a dropped network would).
        XCTAssertEqual(try admin.execute("SELECT pg_terminate_backend($1::int) AS ended", [.integer(pid)])[0].boolean("ended"), true)
        Thread.sleep(forTimeInterval: 0.2)

        XCTAssertThrowsError(try journal.append(kind: "answer", at: start, data: Answer(question: "b", value: 2))) { error in
            guard case .connectionLost = error as? PostgresError else { return XCTFail("\(error)") }
            XCTAssertTrue(String(describing: error).contains("nothing after the last acknowledged step is recorded"), "\(error)")
        }
        // While the session is gone, the case's lock is gone with it.
        XCTAssertNil(try PostgresCaseJournal.currentHolder(connection: admin, schema: schema, caseID: "C8"))

        // The next append reconnects, takes the case again and continues after the acknowledged record.
        XCTAssertEqual(try journal.append(kind: "answer", at: start, data: Answer(question: "b", value: 2)).seq, 2)
        XCTAssertEqual(try PostgresCaseJournal.currentHolder(connection: admin, schema: schema, caseID: "C8")?.interviewerID, "INT07")
        let stored = try PostgresJournalReader.read(connection: admin, schema: schema, caseID: "C8")
        XCTAssertEqual(stored.problems, [])
        XCTAssertEqual(try stored.records.map { try $0.decode(Answer.self).question }, ["a", "b"])
        journal.close()
    }

    func testAfterALostConnectionACaseTakenByAnotherSessionIsNotWrittenTo() throws {
        let session = try PostgresTestServer.administrator()
        let journal = try PostgresCaseJournal.open(connection: session, schema: schema, caseID: "C9", holder: holder)
        try journal.append(kind: "answer", at: start, data: Answer(question: "a", value: 1))
        let pid = try session.execute("SELECT pg_backend_pid() AS pid")[0].integer("pid")!
        _ = try admin.execute("SELECT pg_terminate_backend($1::int)", [.integer(pid)])
        Thread.sleep(forTimeInterval: 0.2)
        XCTAssertThrowsError(try journal.append(kind: "answer", at: start, data: Answer(question: "b", value: 2)))
        let other = try PostgresCaseJournal.open(connection: admin, schema: schema, caseID: "C9",
                                                 holder: HolderInfo(interviewerID: "INT11", pid: 2, hostname: "site-b", since: start))
        XCTAssertThrowsError(try journal.append(kind: "answer", at: start, data: Answer(question: "b", value: 2))) { error in
            guard case let .caseLocked(_, found) = error as? JournalError else { return XCTFail("\(error)") }
            XCTAssertEqual(found?.interviewerID, "INT11")
        }
        XCTAssertEqual(try PostgresJournalReader.read(connection: admin, schema: schema, caseID: "C9").records.count, 1)
        other.close()
    }

    func testTheInterviewerRoleCanAppendAndReadButNeverChangeOrDelete() throws {
        let login = "\(schema.name)_alice"
        logins.append(login)
        try PostgresTestServer.createLogin(login, member: .interviewer, of: schema, admin)
        let alice = try PostgresConnection(url: PostgresTestServer.url(asUser: login))
        XCTAssertEqual(try alice.execute("SELECT current_user AS who")[0].text("who"), login)

        let journal = try PostgresCaseJournal.open(connection: alice, schema: schema, caseID: "C6", holder: holder)
        try journal.append(kind: "answer", at: start, data: Answer(question: "a", value: 1))
        try journal.append(kind: "answer", at: start, data: Answer(question: "b", value: 2))
        XCTAssertEqual(try PostgresJournalReader.read(connection: alice, schema: schema, caseID: "C6").records.count, 2)

        let events = schema.table("journal_events")
        for statement in ["UPDATE \(events) SET kind = 'edited' WHERE case_id = 'C6'",
                          "DELETE FROM \(events) WHERE case_id = 'C6'",
                          "TRUNCATE \(events)"] {
            XCTAssertThrowsError(try alice.execute(statement), statement) { error in
                XCTAssertEqual((error as? PostgresError)?.sqlState, PostgresSQLState.insufficientPrivilege, "\(statement): \(error)")
            }
        }
        // Even the owner is stopped by the trigger: events are append-only for everyone.
        XCTAssertThrowsError(try admin.execute("UPDATE \(events) SET kind = 'edited' WHERE case_id = 'C6'")) { error in
            XCTAssertEqual((error as? PostgresError)?.sqlState, PostgresSQLState.raiseException)
            XCTAssertTrue(String(describing: error).contains("append-only"), "\(error)")
        }
        XCTAssertThrowsError(try admin.execute("DELETE FROM \(events) WHERE case_id = 'C6'"))
        XCTAssertEqual(try PostgresJournalReader.read(connection: admin, schema: schema, caseID: "C6").records.map(\.kind), ["answer", "answer"])
        journal.close()
    }

    func testTheAnalystRoleReadsButCannotWrite() throws {
        let writer = try PostgresCaseJournal.open(connection: admin, schema: schema, caseID: "C7", holder: holder)
        try writer.append(kind: "answer", at: start, data: Answer(question: "a", value: 1))
        writer.close()
        let login = "\(schema.name)_ana"
        logins.append(login)
        try PostgresTestServer.createLogin(login, member: .analyst, of: schema, admin)
        let analyst = try PostgresConnection(url: PostgresTestServer.url(asUser: login))
        XCTAssertEqual(try PostgresJournalReader.read(connection: analyst, schema: schema, caseID: "C7").records.count, 1)
        XCTAssertThrowsError(try PostgresCaseJournal.open(connection: analyst, schema: schema, caseID: "C7", holder: holder)) { error in
            XCTAssertEqual((error as? PostgresError)?.sqlState, PostgresSQLState.insufficientPrivilege, "\(error)")
        }
        let line = try JournalLine.encode(seq: 2, caseID: "C7", at: start, kind: "answer", json: Array("1".utf8))
        XCTAssertThrowsError(try analyst.execute("INSERT INTO \(schema.table("journal_events")) (case_id, seq, at, kind, line, crc) VALUES ('C7', 2, now(), 'answer', $1, $2)",
                                                 [.bytes(line), .text(JournalLine.storedChecksum(of: line)!)])) { error in
            XCTAssertEqual((error as? PostgresError)?.sqlState, PostgresSQLState.insufficientPrivilege, "\(error)")
        }
    }

    func testARowAlteredBehindTheJournalsBackIsFoundByItsChecksum() throws {
        for caseID in ["K1", "K2", "K3", "K4", "K5"] {
            let journal = try PostgresCaseJournal.open(connection: admin, schema: schema, caseID: caseID, holder: holder)
            try writeSampleRecords { kind, at, answer in _ = try journal.append(kind: kind, at: at, data: answer) }
            journal.close()
        }
        XCTAssertTrue(try PostgresJournalReader.verifyAll(connection: admin, schema: schema).allSatisfy { $0.result.problems.isEmpty })

        // A superuser switches the trigger off for the session and edits rows directly.
        let events = schema.table("journal_events")
        try admin.execute("SET session_replication_role = replica")
        // K1: an answer changed in the line (42 becomes 43).
        try admin.execute("UPDATE \(events) SET line = convert_to(replace(convert_from(line, 'UTF8'), '\"value\":42', '\"value\":43'), 'UTF8') WHERE case_id = 'K1' AND seq = 1")
        // K2: a row deleted.
        try admin.execute("DELETE FROM \(events) WHERE case_id = 'K2' AND seq = 2")
        // K3: the checksum column changed.
        try admin.execute("UPDATE \(events) SET crc = '00000000' WHERE case_id = 'K3' AND seq = 3")
        // K5: the sequence column changed (the line still says record 3).
        try admin.execute("UPDATE \(events) SET seq = 7 WHERE case_id = 'K5' AND seq = 3")
        try admin.execute("SET session_replication_role = origin")

        let report = Dictionary(uniqueKeysWithValues: try PostgresJournalReader.verifyAll(connection: admin, schema: schema).map { ($0.caseID, $0.result) })
        // As in a file journal: the altered line is refused, so record 1 is then missing.
        XCTAssertEqual(report["K1"]?.problems.map(\.kind), [.checksumMismatch, .sequenceGap])
        XCTAssertEqual(report["K1"]?.problems.first?.line, 1)
        XCTAssertEqual(report["K1"]?.records.map(\.seq), [2, 3], "the altered record is never returned")
        XCTAssertEqual(report["K2"]?.problems.map(\.kind), [.sequenceGap])
        XCTAssertEqual(report["K3"]?.problems.map(\.kind), [.checksumMismatch])
        XCTAssertTrue(report["K3"]?.problems.first?.message.contains("checksum column") ?? false)
        XCTAssertEqual(report["K5"]?.problems.map(\.line), [3])
        XCTAssertTrue(report["K5"]?.problems.first?.message.contains("sequence column says 7 but its line is record 3") ?? false,
                      "\(report["K5"]?.problems ?? [])")
        XCTAssertEqual(report["K4"]?.problems, [])
        XCTAssertTrue(report["K1"]?.hasCorruption ?? false)
    }

    func testSetupRunsAgainWithoutChangeAndPutsBackWidenedRights() throws {
        let events = schema.table("journal_events")
        try admin.execute("GRANT UPDATE, DELETE ON \(events) TO \(schema.quotedRole(.interviewer))")
        try PostgresSurveySetup.run(on: admin, schema: schema)
        let rights = try admin.execute("""
            SELECT privilege_type FROM information_schema.role_table_grants
            WHERE table_schema = $1 AND table_name = 'journal_events' AND grantee = $2 ORDER BY privilege_type
            """, [.text(schema.name), .text(schema.role(.interviewer))])
        XCTAssertEqual(rights.rows.compactMap { $0.text("privilege_type") }, ["INSERT", "SELECT"])
    }

    func testSurveyNamesThatCouldNotBePlainIdentifiersAreRefused() {
        for bad in ["", "Bas", "bas-2026", "1bas", "pg_x", "public", "a\"; drop", String(repeating: "a", count: 41)] {
            XCTAssertThrowsError(try PostgresSurveySchema(bad), bad)
        }
        XCTAssertEqual(try PostgresSurveySchema("bas_2026").role(.interviewer), "bas_2026_interviewer")
    }
}
