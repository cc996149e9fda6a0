import FieldworkBasics
import FieldworkPostgres
import Foundation
import Testing
@testable import FieldworkCases

/// `CaseStoreCopy`: a case store copied from cases.sqlite to PostgreSQL and back holds the same rows,
/// and the server store reads every case, count and list exactly as the SQLite one does.
@Suite struct CaseStoreCopyTests {
    static let kinds = StoreKind.underTest.filter { $0 == .postgresql }
    let morning = at("2025-10-20T10:00")

    var rules: SchedulingRules {
        var rules = SchedulingRules()
        rules.quotas = [QuotaRule(name: "sector", fields: ["sector"], targets: ["G": 1])]
        return rules
    }

    /// A store with something in every table: calls, a complete that fills a quota cell (withholding
    /// a case), an appointment moved by a supervisor, audit rows, interviewer states, preload values,
    /// a released and an unreleased replicate, a correction, a weighting run and its weight.
    func busyStore() throws -> SQLiteCaseStore {
        let ids = ["A", "B", "C", "D", "E"]
        let fields = ["A": ["sector": "G"], "B": ["sector": "G"], "C": ["sector": "K"], "D": ["sector": "K"], "E": ["sector": "K"]]
        let store = try SQLiteCaseStore(surveyDirectory: try temporaryDirectory(), rules: rules)
        let cases = ids.enumerated().map { SampleCase(id: $1, fields: fields[$1]!, line: $0 + 2) }
        _ = try store.importCases(ParsedSample(source: "s.csv", columns: ["case_id", "sector"], cases: cases), now: at("2025-10-20T08:00"))
        let later = ParsedSample(source: "r.csv", columns: ["case_id", "sector"],
                                 cases: [SampleCase(id: "R1", fields: ["sector": "K"], line: 2), SampleCase(id: "R2", fields: ["sector": "K"], line: 3)])
        _ = try store.importCases(later, replicate: 1, now: at("2025-10-20T08:00"))
        _ = try store.importCases(ParsedSample(source: "q.csv", columns: ["case_id", "sector"],
                                               cases: [SampleCase(id: "Q1", fields: ["sector": "K"], line: 2)]), replicate: 2, now: morning)
        try store.releaseReplicate(1, by: "sup1", reason: "go", now: morning)
        try store.record("A", .interviewComplete, at: morning)
        try store.record("C", .noAnswer, at: morning.addingTimeInterval(0.123456789), by: "int2")
        try store.record("D", .hardAppointment, at: morning, by: "int3",
                         appointment: Appointment(kind: .hard, start: LocalDateTime("2025-10-21T10:00")!))
        try store.moveAppointment(caseID: "D", to: Appointment(kind: .soft, start: LocalDateTime("2025-10-22T11:00")!),
                                  by: "sup1", reason: "asked", now: morning)
        try store.record("E", .hardRefusal, at: morning, by: "int2")
        try store.correctDisposition(id: "E", to: "2.12", by: "sup2", reason: "household refusal", now: morning)
        try store.assignCase(id: "R1", to: "int4", by: "sup1", reason: "Welsh", now: morning)
        try store.recordInterviewerState(InterviewerStateChange(interviewer: "int2", state: .signedIn, at: morning, session: "s1"))
        try store.recordInterviewerState(InterviewerStateChange(interviewer: "int2", state: .dialling, at: morning, caseID: "C", session: "s1"))
        let preload = ParsedPreload(source: "p.csv", names: ["prev"], rows: [.init(caseID: "C", values: ["prev": "7"], line: 2)])
        try store.storePreload(preload, now: morning)
        let run = WeightingRun(at: morning.addingTimeInterval(0.25), marginsFile: "m.csv", margins: ["sector"], baseField: nil, cap: nil,
                               tolerance: 1e-9, maxIterations: 1000, iterations: 1, converged: true, trimRounds: 0, trimmedCases: 0,
                               cases: 1, designEffect: 1)
        try store.storeWeights(["A": 1.2345678901234567], run: run)
        return store
    }

    @Test(arguments: kinds) func aStoreCopiedToTheServerAndBackHasTheSameRows(_ kind: StoreKind) throws {
        let original = try busyStore()
        let schema = newPostgresSchemaName()
        let toServer = try CaseStoreCopy.copy(fromSQLite: original.path, to: postgresConnection(), schema: schema)
        #expect(toServer.cases == 8)
        #expect(toServer.rows["attempts"] == 4)
        #expect(toServer.rows["case_audit"] == 3)

        let back = try temporaryDirectory().appendingPathComponent(SQLiteCaseStore.fileName).path
        let fromServer = try CaseStoreCopy.copy(from: postgresConnection(), schema: schema, toSQLite: back, rules: rules)
        #expect(fromServer == toServer)

        let before = try CaseStoreCopy.readSQLite(path: original.path)
        let after = try CaseStoreCopy.readSQLite(path: back)
        for table in CaseStoreCopy.tables {
            #expect(before[table.sqlite] == after[table.sqlite], "table \(table.sqlite)")
            #expect(!(before[table.sqlite] ?? []).isEmpty, "table \(table.sqlite) had rows to copy")
        }
    }

    @Test(arguments: kinds) func theServerStoreReadsTheCopyAsSQLiteReadsTheOriginal(_ kind: StoreKind) throws {
        let original = try busyStore()
        let schema = newPostgresSchemaName()
        _ = try CaseStoreCopy.copy(fromSQLite: original.path, to: postgresConnection(), schema: schema)
        let server = try PostgresCaseStore(connection: postgresConnection(), schema: schema, rules: rules, clock: .caller)
        for id in ["A", "B", "C", "D", "E", "R1", "R2", "Q1"] {
            #expect(try server.caseDetail(id: id) == original.caseDetail(id: id), "case \(id)")
        }
        #expect(try server.statusCounts(now: morning).total == original.statusCounts(now: morning).total)
        #expect(try server.statusCounts(now: morning).withheldByQuota == 1)
        #expect(try server.callHistory() == original.callHistory())
        #expect(try server.appointmentListings(now: morning, includeLater: true) == original.appointmentListings(now: morning, includeLater: true))
        #expect(try server.supervisorSnapshot(now: morning) == original.supervisorSnapshot(now: morning))
        #expect(try server.replicateReleases() == original.replicateReleases())
        #expect(try server.replicateSummaries() == original.replicateSummaries())
        #expect(try server.storedWeights() == ["A": 1.2345678901234567])
        #expect(try server.caseWeights() == original.caseWeights())
        #expect(try server.latestWeightingRun() == original.latestWeightingRun())
        #expect(try server.exportFields(ids: ["A", "B"])["A"]?.weight == 1.2345678901234567)
        // The sequences continue after the copied rows: new rows do not collide.
        _ = try server.importCases(ParsedSample(source: "n.csv", columns: ["case_id", "sector"],
                                                cases: [SampleCase(id: "N1", fields: ["sector": "K"], line: 2)]), now: morning)
        try server.assignCase(id: "N1", to: "int5", by: "sup1", reason: "new", now: morning)
        #expect(try server.caseDetail(id: "N1")?.audit.count == 1)
        // The next case offered is the same on both.
        #expect(try server.nextCase(for: "int9", now: morning)?.caseID == original.nextCase(for: "int9", now: morning)?.caseID)
    }

    @Test(arguments: kinds) func aDestinationWithCasesIsRefusedAndLeftAlone(_ kind: StoreKind) throws {
        let original = try busyStore()
        let schema = newPostgresSchemaName()
        let occupied = try PostgresCaseStore(connection: postgresConnection(), schema: schema, clock: .caller)
        _ = try occupied.importCases(ParsedSample(source: "x.csv", columns: ["case_id"], cases: [SampleCase(id: "X", fields: [:], line: 2)]),
                                     now: morning)
        #expect(throws: CaseStoreCopy.Refusal.destinationNotEmpty(cases: 1, at: "\(try postgresConnection().url.text) (survey \(schema))")) {
            _ = try CaseStoreCopy.copy(fromSQLite: original.path, to: postgresConnection(), schema: schema)
        }
        #expect(try occupied.statusCounts(now: morning).total == 1)
        #expect(try occupied.caseDetail(id: "A") == nil)
    }
}
