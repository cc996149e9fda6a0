import FieldworkPostgres
import FieldworkPostgresStore
import Foundation
import XCTest

/// The throwaway server scripts/lib/postgres.sh starts for the tests (scripts/run-tests.sh, and so
/// CI, always starts one). Without FIELDWORK_TEST_POSTGRES_URL a test skips, saying so; on CI it
/// fails instead, so a missing server can never pass unnoticed.
enum PostgresTestServer {
    static let urlVariable = "FIELDWORK_TEST_POSTGRES_URL"

    static func url() throws -> PostgresURL {
        guard let text = ProcessInfo.processInfo.environment[urlVariable], !text.isEmpty else {
            let message = "\(urlVariable) is not set: no PostgreSQL server to test against (scripts/run-tests.sh starts one; or run `source scripts/lib/postgres.sh; fieldwork_postgres_start`)"
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                XCTFail(message)
                throw XCTSkip(message)
            }
            throw XCTSkip("SKIPPED, PostgreSQL: " + message)
        }
        return try PostgresURL(text)
    }

    /// A session as the test cluster's administrator (password from PGPASSFILE).
    static func administrator() throws -> PostgresConnection {
        try PostgresConnection(url: url(), applicationName: "fieldwork tests")
    }

    /// The same server and database as another user (trusted on the throwaway cluster only).
    static func url(asUser user: String) throws -> PostgresURL {
        let base = try url()
        let host = base.settings["host"] ?? "127.0.0.1"
        let port = base.settings["port"] ?? "5432"
        let database = base.databaseName ?? "postgres"
        return try PostgresURL("postgresql://\(user)@\(host):\(port)/\(database)")
    }

    /// A survey schema of the test's own, with its tables and roles; removed by the returned cleanup.
    static func freshSurvey(_ admin: PostgresConnection, file: StaticString = #filePath, line: UInt = #line) throws -> PostgresSurveySchema {
        let name = "t" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        let schema = try PostgresSurveySchema(String(name))
        try PostgresSurveySetup.run(on: admin, schema: schema)
        return schema
    }

    /// Drops the survey's schema, its roles and the login roles made for it.
    static func drop(_ schema: PostgresSurveySchema, logins: [String] = [], _ admin: PostgresConnection) {
        _ = try? admin.execute("DROP SCHEMA IF EXISTS \(schema.quoted) CASCADE")
        for login in logins { _ = try? admin.execute("DROP ROLE IF EXISTS \"\(login)\"") }
        for role in PostgresSurveyRole.allCases {
            _ = try? admin.execute("DROP OWNED BY \(schema.quotedRole(role))")
            _ = try? admin.execute("DROP ROLE IF EXISTS \(schema.quotedRole(role))")
        }
    }

    /// Creates login role `name` (no password: the throwaway cluster trusts loopback for it) as a
    /// member of the survey's `role`.
    static func createLogin(_ name: String, member role: PostgresSurveyRole, of schema: PostgresSurveySchema,
                            _ admin: PostgresConnection) throws {
        try admin.execute("CREATE ROLE \"\(name)\" LOGIN")
        try admin.execute("GRANT \(schema.quotedRole(role)) TO \"\(name)\"")
    }
}
