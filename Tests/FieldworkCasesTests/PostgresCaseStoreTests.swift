import FieldworkPostgres
import Foundation
import Testing
@testable import FieldworkCases

/// What only the PostgreSQL store does: its clock, and what it refuses. (Everything else runs
/// against both stores in the parameterised suites.)
@Suite struct PostgresCaseStoreTests {
    /// The PostgreSQL run is present exactly when the other parameterised suites include it.
    static let kinds = StoreKind.underTest.filter { $0 == .postgresql }

    @Test(arguments: kinds) func leasesRunOnTheServersClockNotTheCallers(_ kind: StoreKind) throws {
        let connection = try postgresConnection()
        let store = try PostgresCaseStore(connection: connection, schema: newPostgresSchemaName(), clock: .server)
        let cases = [SampleCase(id: "A", fields: ["business_name": "A"], line: 2)]
        _ = try store.importCases(ParsedSample(source: "t.csv", columns: ["case_id", "business_name"], cases: cases), now: Date())
        func serverNow() throws -> Double {
            let text = try connection.execute("SELECT extract(epoch FROM clock_timestamp())::float8 AS t").rows.first?.text("t")
            return try #require(text.flatMap(Double.init))
        }
        let before = try serverNow()
        // A client whose clock is twenty years slow, at midnight (outside calling hours by its own clock).
        let wrongClock = Date(timeIntervalSince1970: 946_684_800)
        let lease = try #require(try store.leaseCase(id: "A", interviewer: "int1", now: wrongClock))
        let after = try serverNow()
        let expires = lease.expiresAt.timeIntervalSince1970
        #expect(expires >= before + 30 * 60)
        #expect(expires <= after + 30 * 60)
        // Another client, whose clock is twenty years fast, still finds the lease running.
        #expect(throws: CaseStoreError.self) {
            _ = try store.leaseCase(id: "A", interviewer: "int2", now: Date(timeIntervalSince1970: 2_000_000_000 + 631_152_000))
        }
        #expect(try store.caseDetail(id: "A")?.leaseHolder == "int1")
    }

    @Test(arguments: kinds) func aStoreMadeBeforeTheAdministrationTablesGetsThemWhenOpened(_ kind: StoreKind) throws {
        // A survey schema as the first PostgreSQL case store made it: cases, attempts, appointments,
        // finalisations and case_meta only.
        let schema = newPostgresSchemaName()
        let connection = try postgresConnection()
        let full = PostgresCaseSchema.script(schema: schema)
        let cut = try #require(full.range(of: "CREATE INDEX IF NOT EXISTS attempts_at"))
        try connection.executeScript(String(full[..<cut.lowerBound]))
        #expect(try connection.execute("SELECT to_regclass($1) IS NULL AS missing", [.text("\"\(schema)\".case_audit")]).rows.first?.boolean("missing") == true)
        let store = try PostgresCaseStore(connection: connection, schema: schema, clock: .caller)
        let cases = [SampleCase(id: "A", fields: ["business_name": "A"], line: 2)]
        _ = try store.importCases(ParsedSample(source: "t.csv", columns: ["case_id", "business_name"], cases: cases), now: at("2025-10-20T08:00"))
        let entry = try store.assignCase(id: "A", to: "int1", by: "sup1", reason: "first call", now: at("2025-10-20T10:00"))
        #expect(try store.caseDetail(id: "A")?.audit == [entry])
    }

    @Test(arguments: kinds) func aSessionEndedByTheServerIsReopenedForTheNextCall(_ kind: StoreKind) throws {
        let connection = try postgresConnection()
        let store = try PostgresCaseStore(connection: connection, schema: newPostgresSchemaName(), clock: .caller)
        let cases = ["A", "B"].enumerated().map { SampleCase(id: $1, fields: ["business_name": $1], line: $0 + 2) }
        _ = try store.importCases(ParsedSample(source: "t.csv", columns: ["case_id", "business_name"], cases: cases), now: at("2025-10-20T08:00"))
        let lease = try #require(try store.nextCase(for: "int1", now: at("2025-10-20T10:00")))
        // The server ends the store's session, as a restart or a dropped link would.
        let pid = try #require(try connection.execute("SELECT pg_backend_pid() AS pid").rows.first?.integer("pid"))
        let admin = try postgresConnection()
        _ = try admin.execute("SELECT pg_terminate_backend($1::int)", [.integer(pid)])
        for _ in 0..<50 where connection.isConnected {
            // The client notices on its next use; give the server a moment to end it.
            _ = try? admin.execute("SELECT pg_sleep(0.02)")
            if (try? admin.execute("SELECT 1 AS alive FROM pg_stat_activity WHERE pid = $1::int", [.integer(pid)]))?.isEmpty == true { break }
        }
        // The lease was committed before: it is still there, and the call is recorded on a new session.
        _ = try store.recordAttempt(CallAttemptInput(caseID: lease.caseID, interviewer: "int1", outcome: .noAnswer), now: at("2025-10-20T10:05"))
        #expect(try store.caseDetail(id: lease.caseID)?.attempts.count == 1)
        #expect(try connection.execute("SELECT pg_backend_pid() AS pid").rows.first?.integer("pid") != pid)
    }

    @Test(arguments: kinds) func aSchemaNameThatIsNotPlainIsRefused(_ kind: StoreKind) throws {
        for name in ["Survey", "a;drop", "pg_x", "public", ""] {
            #expect(throws: CaseStoreError.self) {
                _ = try PostgresCaseStore(connection: postgresConnection(), schema: name)
            }
        }
    }

    @Test(arguments: kinds) func reopeningAStoreKeepsItsCases(_ kind: StoreKind) throws {
        let schema = newPostgresSchemaName()
        let first = try PostgresCaseStore(connection: postgresConnection(), schema: schema, clock: .caller)
        let cases = [SampleCase(id: "A", fields: ["business_name": "A"], line: 2)]
        _ = try first.importCases(ParsedSample(source: "t.csv", columns: ["case_id", "business_name"], cases: cases), now: at("2025-10-20T08:00"))
        try first.record("A", .noAnswer, at: at("2025-10-20T10:00"))
        let second = try PostgresCaseStore(connection: postgresConnection(), schema: schema, clock: .caller)
        let detail = try #require(try second.caseDetail(id: "A"))
        #expect(detail.attempts.map(\.outcome) == [.noAnswer])
        #expect(detail.status == .retry)
    }
}
