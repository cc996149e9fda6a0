import FieldworkBasics
import FieldworkPostgres
import Foundation
import GRDB
@testable import FieldworkCases

let london = TimeZone(identifier: "Europe/London")!

/// The instant of a Europe/London wall-clock time, e.g. `at("2025-10-20T10:00")`.
func at(_ local: String) -> Date {
    guard let time = LocalDateTime(local), let instant = time.instant(in: london) else {
        fatalError("test fixture time '\(local)' is invalid")
    }
    return instant
}

/// The instant of a UTC wall-clock time.
func utc(_ local: String) -> Date {
    guard let time = LocalDateTime(local), let instant = time.instant(in: TimeZone(identifier: "UTC")!) else {
        fatalError("test fixture time '\(local)' is invalid")
    }
    return instant
}

func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("fieldwork-cases-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// A fresh store in a new temporary directory holding `ids` with simple fields.
func makeStore(rules: SchedulingRules = SchedulingRules(), ids: [String] = [], fields: [String: [String: String]] = [:],
               now: Date = at("2025-10-20T08:00")) throws -> SQLiteCaseStore {
    let directory = try temporaryDirectory()
    let store = try SQLiteCaseStore(surveyDirectory: directory, rules: rules)
    if !ids.isEmpty {
        let cases = ids.enumerated().map { index, id in
            SampleCase(id: id, fields: fields[id] ?? ["business_name": "Business \(id)"], line: index + 2)
        }
        _ = try store.importCases(ParsedSample(source: "test.csv", columns: ["case_id", "business_name"], cases: cases), now: now)
    }
    return store
}

/// The case stores a parameterised test runs against: SQLite always, PostgreSQL when the test
/// server scripts/run-tests.sh starts is there (FIELDWORK_TEST_POSTGRES_URL). Without it the
/// PostgreSQL runs are left out, saying so loudly; on CI (CI=true) they stay in and fail.
enum StoreKind: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite
    case postgresql

    var description: String { rawValue }

    static let urlVariable = "FIELDWORK_TEST_POSTGRES_URL"

    static let underTest: [StoreKind] = {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment[urlVariable], !url.isEmpty { return allCases }
        if environment["CI"] == "true" { return allCases }  // makeStore then fails: no silent pass on CI
        FileHandle.standardError.write(Data(
            "SKIPPED, PostgreSQL: \(urlVariable) is not set, so the case-store tests run on SQLite only (scripts/run-tests.sh starts a server)\n".utf8))
        return [.sqlite]
    }()
}

/// A fresh, empty store of `kind`: a new temporary directory, or a new survey schema on the test server.
func emptyStore(_ kind: StoreKind, rules: SchedulingRules = SchedulingRules()) throws -> any CaseAdministration {
    switch kind {
    case .sqlite:
        return try SQLiteCaseStore(surveyDirectory: try temporaryDirectory(), rules: rules)
    case .postgresql:
        return try PostgresCaseStore(connection: postgresConnection(), schema: newPostgresSchemaName(), rules: rules, clock: .caller)
    }
}

/// The same store opened again with other rules (a new connection on PostgreSQL), as a later session would.
func reopened(_ store: any CaseAdministration, rules: SchedulingRules) throws -> any CaseAdministration {
    switch store {
    case let sqlite as SQLiteCaseStore:
        return try SQLiteCaseStore(path: sqlite.path, rules: rules)
    case let postgres as PostgresCaseStore:
        return try PostgresCaseStore(connection: postgresConnection(), schema: postgres.schemaName, rules: rules, clock: .caller)
    default:
        throw CaseStoreError.database("no way to reopen \(type(of: store))")
    }
}

/// Runs raw SQL against the store's own tables, bypassing it (for checks that append-only tables
/// refuse changes): on SQLite in a write transaction, on PostgreSQL in the survey's schema.
func executeBehindTheStoresBack(_ store: any CaseAdministration, sql: String) throws {
    switch store {
    case let sqlite as SQLiteCaseStore:
        try sqlite.write { db in try db.execute(sql: sql) }
    case let postgres as PostgresCaseStore:
        let connection = try postgresConnection()
        defer { connection.close() }
        _ = try connection.execute("SET search_path TO \"\(postgres.schemaName)\"")
        _ = try connection.execute(sql)
    default:
        throw CaseStoreError.database("no raw access to \(type(of: store))")
    }
}

/// A session with the test server, or an error saying there is none.
func postgresConnection() throws -> PostgresConnection {
    guard let url = ProcessInfo.processInfo.environment[StoreKind.urlVariable], !url.isEmpty else {
        throw CaseStoreError.database("\(StoreKind.urlVariable) is not set: no PostgreSQL server to test against (scripts/run-tests.sh starts one)")
    }
    return try PostgresConnection(url, applicationName: "fieldwork case-store tests")
}

/// A survey schema name of the test's own (the throwaway cluster is removed after the run).
func newPostgresSchemaName() -> String {
    "c" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
}

/// A fresh store of `kind` holding `ids` with simple fields.
func makeStore(_ kind: StoreKind, rules: SchedulingRules = SchedulingRules(), ids: [String] = [],
               fields: [String: [String: String]] = [:], now: Date = at("2025-10-20T08:00")) throws -> any CaseAdministration {
    let store = try emptyStore(kind, rules: rules)
    if !ids.isEmpty {
        let cases = ids.enumerated().map { index, id in
            SampleCase(id: id, fields: fields[id] ?? ["business_name": "Business \(id)"], line: index + 2)
        }
        _ = try store.importCases(ParsedSample(source: "test.csv", columns: ["case_id", "business_name"], cases: cases), now: now)
    }
    return store
}

extension CaseStore {
    /// Records an outcome for a case (taking the lease first is not required when nobody holds it).
    @discardableResult
    func record(_ id: String, _ outcome: CallOutcome, at now: Date, by interviewer: String = "int1",
                appointment: Appointment? = nil) throws -> AttemptResult {
        try recordAttempt(CallAttemptInput(caseID: id, interviewer: interviewer, outcome: outcome, appointment: appointment), now: now)
    }
}

extension CaseStore {
    /// `closeWave` the first time (the protocol has no default arguments).
    func closeWave(now: Date) throws -> WaveClosing { try closeWave(now: now, again: false) }
}
