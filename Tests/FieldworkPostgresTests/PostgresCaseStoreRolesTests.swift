import FieldworkBasics
import FieldworkCases
import FieldworkPostgres
import FieldworkPostgresStore
import Foundation
import XCTest

/// The survey's roles on the case tables that `fieldwork store roles` grants: a supervisor imports,
/// an interviewer leases and records calls but cannot delete or rewrite history, an analyst reads.
final class PostgresCaseStoreRolesTests: XCTestCase {
    private var admin: PostgresConnection!
    private var schema: PostgresSurveySchema!
    private var logins: [String] = []
    private let now = Date(timeIntervalSince1970: 1_760_950_800)  // 2025-10-20 10:00 London, a Monday

    override func setUpWithError() throws {
        admin = try PostgresTestServer.administrator()
        schema = try PostgresTestServer.freshSurvey(admin)
    }

    override func tearDown() {
        if let admin, let schema { PostgresTestServer.drop(schema, logins: logins, admin) }
        admin?.close()
    }

    private func store(as role: PostgresSurveyRole, _ name: String) throws -> PostgresCaseStore {
        let login = "\(schema.name)_\(name)"
        logins.append(login)
        try PostgresTestServer.createLogin(login, member: role, of: schema, admin)
        let connection = try PostgresConnection(url: PostgresTestServer.url(asUser: login))
        return try PostgresCaseStore(connection: connection, schema: schema.name, clock: .caller)
    }

    private func permissionDenied(_ body: () throws -> Void, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try body(), what, file: file, line: line) { error in
            XCTAssertTrue(String(describing: error).contains("permission denied"), "\(what): \(error)", file: file, line: line)
        }
    }

    func testEachRoleDoesItsJobAndNoMore() throws {
        let supervisor = try store(as: .supervisor, "sam")
        let cases = ["A", "B"].enumerated().map { SampleCase(id: $1, fields: ["business_name": $1], line: $0 + 2) }
        let summary = try supervisor.importCases(ParsedSample(source: "s.csv", columns: ["case_id", "business_name"], cases: cases), now: now)
        XCTAssertEqual(summary.imported, 2)

        let interviewer = try store(as: .interviewer, "ivy")
        let lease = try XCTUnwrap(try interviewer.nextCase(for: "ivy", now: now))
        _ = try interviewer.recordAttempt(CallAttemptInput(caseID: lease.caseID, interviewer: "ivy", outcome: .noAnswer), now: now)
        let other = lease.caseID == "A" ? "B" : "A"
        try interviewer.setAppointment(caseID: other, appointment: Appointment(kind: .hard, start: LocalDateTime("2025-10-21T11:00")!),
                                       setBy: "ivy", now: now)
        XCTAssertEqual(try interviewer.caseDetail(id: lease.caseID)?.attempts.count, 1)
        permissionDenied({ _ = try interviewer.importCases(ParsedSample(source: "x.csv", columns: ["case_id"], cases: [
            SampleCase(id: "C", fields: [:], line: 2)]), now: now) }, "an interviewer importing")

        let raw = try PostgresConnection(url: PostgresTestServer.url(asUser: "\(schema.name)_ivy"))
        for statement in ["DELETE FROM \(schema.table("attempts"))", "UPDATE \(schema.table("attempts")) SET outcome = 'complete'",
                          "DELETE FROM \(schema.table("cases"))", "INSERT INTO \(schema.table("finalisations")) (case_seq, at, final_code, rule, finalised_by) VALUES (1, 0, '1.1', 'x', 'x')"] {
            permissionDenied({ _ = try raw.execute(statement) }, statement)
        }
        raw.close()

        let analyst = try store(as: .analyst, "ana")
        XCTAssertEqual(try analyst.statusCounts(now: now).total, 2)
        XCTAssertEqual(try analyst.caseDetail(id: lease.caseID)?.attempts.map(\.outcome), [.noAnswer])
        permissionDenied({ _ = try analyst.leaseCase(id: lease.caseID, interviewer: "ana", now: now) }, "an analyst leasing")
        // Nothing the refused statements tried got through.
        XCTAssertEqual(try admin.execute("SELECT COUNT(*) AS n FROM \(schema.table("attempts"))")[0].integer("n"), 1)
        XCTAssertEqual(try admin.execute("SELECT COUNT(*) AS n FROM \(schema.table("cases"))")[0].integer("n"), 2)
    }

    /// Supervisors' work on the server: a supervisor login assigns, books, corrects and releases a
    /// replicate, every change with its audit row; an interviewer login records its states and
    /// reads a case's audit trail but may not write one; an analyst reads the console's figures.
    func testSupervisorsChangeCasesAndInterviewersCannotWriteTheAudit() throws {
        let supervisor = try store(as: .supervisor, "sue")
        let cases = ["A", "B"].enumerated().map { SampleCase(id: $1, fields: ["business_name": $1], line: $0 + 2) }
        _ = try supervisor.importCases(ParsedSample(source: "s.csv", columns: ["case_id", "business_name"], cases: cases), now: now)
        _ = try supervisor.importCases(ParsedSample(source: "r.csv", columns: ["case_id", "business_name"],
                                                    cases: [SampleCase(id: "R", fields: ["business_name": "R"], line: 2)]), replicate: 1, now: now)
        try supervisor.assignCase(id: "A", to: "ian", by: "sue", reason: "speaks Welsh", now: now)
        try supervisor.bookAppointment(caseID: "B", appointment: Appointment(kind: .hard, start: LocalDateTime("2025-10-21T11:00")!),
                                       by: "sue", reason: "emailed", now: now)
        try supervisor.releaseReplicate(1, by: "sue", reason: "go", now: now)
        _ = try supervisor.importCases(ParsedSample(source: "r2.csv", columns: ["case_id", "business_name"],
                                                    cases: [SampleCase(id: "R2", fields: ["business_name": "R2"], line: 2)]), replicate: 2, now: now)

        let interviewer = try store(as: .interviewer, "ian")
        try interviewer.recordInterviewerState(InterviewerStateChange(interviewer: "ian", state: .signedIn, at: now, session: "s"))
        _ = try interviewer.recordAttempt(CallAttemptInput(caseID: "A", interviewer: "ian", outcome: .hardRefusal), now: now)
        XCTAssertEqual(try interviewer.caseDetail(id: "A")?.audit.map(\.action), [.assign])
        permissionDenied({ _ = try interviewer.assignCase(id: "R", to: "ian", by: "ian", reason: "mine", now: now) },
                         "an interviewer writing an audit row")
        permissionDenied({ _ = try interviewer.releaseReplicate(2, by: "ian", reason: "early", now: now) }, "an interviewer releasing a replicate")
        XCTAssertEqual(try interviewer.caseDetail(id: "R2")?.released, false)

        try supervisor.correctDisposition(id: "A", to: "2.12", by: "sue", reason: "household refusal", now: now)
        XCTAssertEqual(try supervisor.caseDetail(id: "A")?.audit.map(\.action), [.assign, .correct])

        let analyst = try store(as: .analyst, "ann")
        let snapshot = try analyst.supervisorSnapshot(now: now)
        XCTAssertEqual(snapshot.callsToday, 1)
        XCTAssertEqual(snapshot.interviewers.map(\.name), ["ian"])
        XCTAssertEqual(try analyst.callHistory().map(\.caseID), ["A"])
        XCTAssertEqual(try admin.execute("SELECT COUNT(*) AS n FROM \(schema.table("case_audit"))")[0].integer("n"), 3)
    }

    /// Weights on the server: a supervisor login stores them (`fieldwork weight`), an analyst reads
    /// them (export, report) but cannot store any, and an interviewer can neither.
    func testSupervisorsStoreWeightsAndAnalystsReadThem() throws {
        let supervisor = try store(as: .supervisor, "sid")
        let cases = ["A", "B"].enumerated().map { SampleCase(id: $1, fields: ["business_name": $1], line: $0 + 2) }
        _ = try supervisor.importCases(ParsedSample(source: "s.csv", columns: ["case_id", "business_name"], cases: cases), now: now)
        let run = WeightingRun(at: now, marginsFile: "m.csv", margins: ["business_name"], baseField: nil, cap: nil, tolerance: 1e-9,
                               maxIterations: 100, iterations: 1, converged: true, trimRounds: 0, trimmedCases: 0, cases: 2, designEffect: 1.5)
        try supervisor.storeWeights(["A": 2.5, "B": 0.5], run: run)

        let analyst = try store(as: .analyst, "abe")
        XCTAssertEqual(try analyst.storedWeights(), ["A": 2.5, "B": 0.5])
        XCTAssertEqual(try analyst.exportFields(ids: ["A"])["A"]?.weight, 2.5)
        XCTAssertEqual(try analyst.latestWeightingRun()?.designEffect, 1.5)
        permissionDenied({ _ = try analyst.storeWeights(["A": 1], run: run) }, "an analyst storing weights")
        let interviewer = try store(as: .interviewer, "iona")
        permissionDenied({ _ = try interviewer.storeWeights(["A": 1], run: run) }, "an interviewer storing weights")
        XCTAssertEqual(try admin.execute("SELECT COUNT(*) AS n FROM \(schema.table("weighting_runs"))")[0].integer("n"), 1)
        XCTAssertEqual(try admin.execute("SELECT weight FROM \(schema.table("weights")) ORDER BY case_seq").rows.compactMap { $0.text("weight") },
                       ["2.5", "0.5"])
    }
}
