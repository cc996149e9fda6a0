import FieldworkBasics
import FieldworkCases
import FieldworkJournal
import FieldworkPostgres
import FieldworkPostgresStore
import Foundation
import XCTest

/// Leases commit without waiting for the disk (`PostgresCaseStore.LeaseCommit.asynchronous`), so a
/// server crash can forget one and hand the case to a second interviewer while the first still has
/// it on screen. These tests make exactly that happen on a real server, the way a crash leaves it:
/// the lease row back as it was before the lease, and every session of the first interviewer gone
/// (with the journal's advisory lock). Whoever comes second is stopped: the journal's lock lets one
/// session write the case, and the store records a call only from the lease holder. No case ends up
/// with two interviewers' records in its journal or two calls for one dialling.
final class PostgresLostLeaseTests: XCTestCase {
    private struct Answer: Codable, Equatable {
        var interviewer: String
        var value: Int
    }

    private let now = Date(timeIntervalSince1970: 1_760_950_800)  // 2025-10-20 10:00 London, a Monday
    private var admin: PostgresConnection!
    private var schema: PostgresSurveySchema!

    override func setUpWithError() throws {
        admin = try PostgresTestServer.administrator()
        schema = try PostgresTestServer.freshSurvey(admin)
    }

    override func tearDown() {
        if let admin, let schema { PostgresTestServer.drop(schema, admin) }
        admin?.close()
    }

    /// One interviewer's processes: a case-store session and a journal session, as `session` has.
    private struct Seat {
        let name: String
        let storeConnection: PostgresConnection
        let store: PostgresCaseStore
        let journalConnection: PostgresConnection
        var holder: HolderInfo { HolderInfo(interviewerID: name, pid: 1, hostname: "seat-\(name)", since: Date(timeIntervalSince1970: 1_760_950_000)) }
    }

    private func seat(_ name: String) throws -> Seat {
        let connection = try PostgresConnection(url: PostgresTestServer.url(), applicationName: "lost-lease \(name) store")
        let store = try PostgresCaseStore(connection: connection, schema: schema.name, clock: .caller)
        return Seat(name: name, storeConnection: connection, store: store,
                    journalConnection: try PostgresConnection(url: PostgresTestServer.url(), applicationName: "lost-lease \(name) journal"))
    }

    /// A one-case survey, so a case handed out again is necessarily the same case.
    private func importOneCase(_ store: PostgresCaseStore) throws {
        let summary = try store.importCases(ParsedSample(source: "s.csv", columns: ["case_id", "business_name"],
                                                         cases: [SampleCase(id: "K1", fields: ["business_name": "Kiln Ltd"], line: 2)]), now: now)
        XCTAssertEqual(summary.imported, 1)
    }

    /// What a crash leaves when a lease's asynchronous commit had not reached the disk: the row as
    /// before the lease, and the interviewer's sessions (with the journal's lock) gone.
    private func crashForgetsTheLease(of seat: Seat, caseID: String) throws {
        let updated = try admin.execute("""
            UPDATE \(schema.table("cases")) SET lease_holder = NULL, lease_expires = NULL, next_eligible_at = due_at
            WHERE id = $1 AND lease_holder = $2 RETURNING id
            """, [.text(caseID), .text(seat.name)])
        XCTAssertEqual(updated.rows.count, 1, "the lease row should have been \(seat.name)'s before the simulated crash")
        for connection in [seat.storeConnection, seat.journalConnection] {
            let pid = try XCTUnwrap(try connection.execute("SELECT pg_backend_pid() AS pid")[0].integer("pid"))
            XCTAssertEqual(try admin.execute("SELECT pg_terminate_backend($1::int) AS done", [.integer(pid)])[0].boolean("done"), true)
        }
        // The server drops a terminated session's advisory locks as it exits; wait until it has.
        for _ in 0..<200 {
            let left = try admin.execute("SELECT count(*) AS n FROM pg_stat_activity WHERE application_name LIKE $1",
                                         [.text("lost-lease \(seat.name) %")])[0].integer("n")
            if left == 0 { return }
            usleep(20_000)
        }
        XCTFail("the terminated sessions of \(seat.name) did not end")
    }

    private func journalRecords(_ caseID: String) throws -> [(seq: Int, answer: Answer)] {
        let read = try PostgresJournalReader.read(connection: admin, schema: schema, caseID: caseID)
        XCTAssertEqual(read.problems, [])
        return try read.records.map { ($0.seq, try $0.decode(Answer.self)) }
    }

    private func attempts(_ caseID: String) throws -> [String] {
        try admin.execute("""
            SELECT a.interviewer FROM \(schema.table("attempts")) a JOIN \(schema.table("cases")) c ON c.seq = a.case_seq
            WHERE c.id = $1 ORDER BY a.number
            """, [.text(caseID)]).rows.map { $0.text("interviewer") ?? "" }
    }

    /// The second interviewer reaches the journal first: the first is refused by the journal's
    /// lock and by the store, and the case has one writer and one call.
    func testALostLeaseHandedOutAgainLeavesOneWriterWhenTheNewHolderOpensTheJournalFirst() throws {
        let ivy = try seat("ivy"), bob = try seat("bob")
        XCTAssertEqual(ivy.store.leaseCommit, .asynchronous, "leases should commit without waiting for the disk by default")
        try importOneCase(ivy.store)
        let first = try XCTUnwrap(try ivy.store.nextCase(for: "ivy", now: now))
        XCTAssertEqual(first.caseID, "K1")
        let ivyJournal = try PostgresCaseJournal.open(connection: ivy.journalConnection, schema: schema, caseID: "K1", holder: ivy.holder)
        XCTAssertEqual(try ivyJournal.append(kind: "answer", at: now, data: Answer(interviewer: "ivy", value: 1)).seq, 1)
        // While the lease stands, nobody else gets the case.
        XCTAssertNil(try bob.store.nextCase(for: "bob", now: now))

        try crashForgetsTheLease(of: ivy, caseID: "K1")

        // The hazard is real: the case is handed out again while ivy still has it on screen.
        let second = try XCTUnwrap(try bob.store.nextCase(for: "bob", now: now))
        XCTAssertEqual(second.caseID, "K1")
        let bobJournal = try PostgresCaseJournal.open(connection: bob.journalConnection, schema: schema, caseID: "K1", holder: bob.holder)
        XCTAssertEqual(bobJournal.existing.records.map(\.seq), [1], "bob's interview resumes from what ivy had acknowledged")
        XCTAssertEqual(try bobJournal.append(kind: "answer", at: now, data: Answer(interviewer: "bob", value: 2)).seq, 2)

        // ivy's next answers: the first finds the connection gone, the next is refused by the lock bob holds.
        XCTAssertThrowsError(try ivyJournal.append(kind: "answer", at: now, data: Answer(interviewer: "ivy", value: 3)))
        XCTAssertThrowsError(try ivyJournal.append(kind: "answer", at: now, data: Answer(interviewer: "ivy", value: 4))) { error in
            guard case JournalError.caseLocked(let caseID, let holder) = error else { return XCTFail("expected caseLocked, got \(error)") }
            XCTAssertEqual(caseID, "K1")
            XCTAssertEqual(holder?.interviewerID, "bob")
        }
        // ivy's call is refused by the store: bob holds the lease.
        XCTAssertThrowsError(try ivy.store.recordAttempt(CallAttemptInput(caseID: "K1", interviewer: "ivy", outcome: .interviewComplete), now: now)) { error in
            guard case CaseStoreError.leasedByAnother(_, let holder) = error else { return XCTFail("expected leasedByAnother, got \(error)") }
            XCTAssertEqual(holder, "bob")
        }
        XCTAssertThrowsError(try ivy.store.renewLease(caseID: "K1", interviewer: "ivy", now: now), "ivy's lease keeper finds the lease gone")
        try bobJournal.append(kind: "answer", at: now, data: Answer(interviewer: "bob", value: 5))
        _ = try bob.store.recordAttempt(CallAttemptInput(caseID: "K1", interviewer: "bob", outcome: .interviewComplete), now: now)
        bobJournal.close()
        ivyJournal.close()

        let records = try journalRecords("K1")
        XCTAssertEqual(records.map(\.seq), [1, 2, 3])
        XCTAssertEqual(records.map(\.answer), [Answer(interviewer: "ivy", value: 1), Answer(interviewer: "bob", value: 2),
                                               Answer(interviewer: "bob", value: 5)], "after the crash only bob wrote")
        XCTAssertEqual(try attempts("K1"), ["bob"], "one call, by the lease holder")
        XCTAssertEqual(try bob.store.caseDetail(id: "K1")?.finalDisposition, .complete)
    }

    /// The first interviewer gets back to the journal first: the second is refused by the lock and
    /// releases the case (as `session` does when it skips a locked case); the first records its call.
    func testALostLeaseHandedOutAgainLeavesOneWriterWhenTheFirstHolderKeepsTheJournal() throws {
        let ivy = try seat("ivy"), bob = try seat("bob")
        try importOneCase(ivy.store)
        _ = try XCTUnwrap(try ivy.store.nextCase(for: "ivy", now: now))
        let ivyJournal = try PostgresCaseJournal.open(connection: ivy.journalConnection, schema: schema, caseID: "K1", holder: ivy.holder)
        try ivyJournal.append(kind: "answer", at: now, data: Answer(interviewer: "ivy", value: 1))

        try crashForgetsTheLease(of: ivy, caseID: "K1")

        // ivy's next answer finds the connection gone; the one after reconnects and takes the case's lock again.
        XCTAssertThrowsError(try ivyJournal.append(kind: "answer", at: now, data: Answer(interviewer: "ivy", value: 2)))
        XCTAssertEqual(try ivyJournal.append(kind: "answer", at: now, data: Answer(interviewer: "ivy", value: 2)).seq, 2)

        let second = try XCTUnwrap(try bob.store.nextCase(for: "bob", now: now))
        XCTAssertEqual(second.caseID, "K1")
        XCTAssertThrowsError(try PostgresCaseJournal.open(connection: bob.journalConnection, schema: schema, caseID: "K1", holder: bob.holder)) { error in
            guard case JournalError.caseLocked(_, let holder) = error else { return XCTFail("expected caseLocked, got \(error)") }
            XCTAssertEqual(holder?.interviewerID, "ivy")
        }
        // Until bob lets go, ivy's call is refused, not recorded twice or over bob's lease.
        XCTAssertThrowsError(try ivy.store.recordAttempt(CallAttemptInput(caseID: "K1", interviewer: "ivy", outcome: .interviewComplete), now: now))
        XCTAssertEqual(try attempts("K1"), [])
        try bob.store.releaseLease(caseID: "K1", interviewer: "bob", now: now)
        _ = try ivy.store.recordAttempt(CallAttemptInput(caseID: "K1", interviewer: "ivy", outcome: .interviewComplete), now: now)
        // bob cannot record a call on the case he never interviewed.
        XCTAssertThrowsError(try bob.store.recordAttempt(CallAttemptInput(caseID: "K1", interviewer: "bob", outcome: .noAnswer), now: now))
        ivyJournal.close()

        XCTAssertEqual(try journalRecords("K1").map(\.answer), [Answer(interviewer: "ivy", value: 1), Answer(interviewer: "ivy", value: 2)])
        XCTAssertEqual(try attempts("K1"), ["ivy"])
    }

    /// Even a writer that ignored the lock could not interleave: the (case, seq) key refuses a
    /// sequence number already taken.
    func testTheSequenceKeyRefusesASecondWriterThatBypassesTheLock() throws {
        let ivy = try seat("ivy")
        let journal = try PostgresCaseJournal.open(connection: ivy.journalConnection, schema: schema, caseID: "K1", holder: ivy.holder)
        try journal.append(kind: "answer", at: now, data: Answer(interviewer: "ivy", value: 1))
        XCTAssertThrowsError(try admin.execute("""
            INSERT INTO \(schema.table("journal_events")) (case_id, seq, at, kind, line, crc)
            SELECT case_id, seq, at, kind, line, crc FROM \(schema.table("journal_events")) WHERE case_id = 'K1' AND seq = 1
            """)) { error in
            XCTAssertEqual((error as? PostgresError)?.sqlState, PostgresSQLState.uniqueViolation, "\(error)")
        }
        journal.close()
    }

    /// The asynchronous commit is the lease transaction's alone (`SET LOCAL`): the store's session
    /// is back to `synchronous_commit = on` for the call recorded next on the same connection.
    func testTheLeaseSettingDoesNotOutliveTheLeaseTransaction() throws {
        let ivy = try seat("ivy")
        try importOneCase(ivy.store)
        _ = try XCTUnwrap(try ivy.store.nextCase(for: "ivy", now: now))
        XCTAssertEqual(try ivy.storeConnection.execute("SHOW synchronous_commit")[0].text("synchronous_commit"), "on")
        _ = try ivy.store.renewLease(caseID: "K1", interviewer: "ivy", now: now)
        XCTAssertEqual(try ivy.storeConnection.execute("SHOW synchronous_commit")[0].text("synchronous_commit"), "on")
        let synchronous = try PostgresCaseStore(connection: PostgresConnection(url: PostgresTestServer.url()), schema: schema.name,
                                                clock: .caller, leaseCommit: .synchronous)
        XCTAssertEqual(synchronous.leaseCommit, .synchronous)
        XCTAssertNil(try synchronous.nextCase(for: "bob", now: now), "the one case is ivy's")
        _ = try ivy.store.recordAttempt(CallAttemptInput(caseID: "K1", interviewer: "ivy", outcome: .noAnswer), now: now)
        XCTAssertEqual(try attempts("K1"), ["ivy"])
    }
}
