import FieldworkPostgres
import Foundation
import GRDB

/// Copies a survey's case store between `cases.sqlite` and a survey schema on PostgreSQL, row for
/// row: cases (with their sequence numbers), calls, appointments, finalisations, the audit trail,
/// interviewer states, preload values, replicate releases, quota counts, survey weights with their
/// weighting runs, and the store's settings (wave closing, applied quota rules). `fieldwork store copy` runs it after the journals.
///
/// The destination must hold no case: the copy is checked before anything is written
/// (`destinationNotEmpty`) and written in one transaction, so it lands whole or not at all. The
/// source is read in one snapshot (a read transaction on SQLite, REPEATABLE READ on the server),
/// and opened without the store's rules, so reading never rebuilds its quota counts.
public enum CaseStoreCopy {
    /// How a column's values are written on PostgreSQL (SQLite takes them as they come).
    enum Kind { case text, integer, real, boolean }

    struct Table {
        let sqlite: String
        let postgres: String
        let columns: [(name: String, kind: Kind)]
        /// Column whose values are drawn from a sequence on PostgreSQL (reset after the copy).
        let serial: String?
        let order: String
    }

    /// Parents before children, so the server's foreign keys hold row by row.
    static let tables: [Table] = [
        Table(sqlite: "cases", postgres: "cases", columns: [
            ("seq", .integer), ("id", .text), ("fields", .text), ("status", .text), ("final_code", .text), ("tier", .integer),
            ("queue", .integer), ("due_at", .real), ("next_eligible_at", .real), ("tried_parts", .integer), ("attempts", .integer),
            ("ever_eligible", .boolean), ("soft_refusals", .integer), ("withheld", .boolean), ("lease_holder", .text),
            ("lease_expires", .real), ("appointment_id", .integer), ("imported_at", .real), ("import_source", .text),
            ("last_outcome", .text), ("interim_code", .text), ("replicate", .integer), ("released", .boolean),
        ], serial: "seq", order: "seq"),
        Table(sqlite: "attempts", postgres: "attempts", columns: [
            ("case_seq", .integer), ("number", .integer), ("at", .real), ("interviewer", .text), ("outcome", .text), ("note", .text),
            ("part_of_day", .text), ("resulting_status", .text), ("final_code", .text), ("disposition_rule", .text),
        ], serial: nil, order: "case_seq, number"),
        Table(sqlite: "appointments", postgres: "appointments", columns: [
            ("id", .integer), ("case_seq", .integer), ("kind", .text), ("start_local", .text), ("end_local", .text), ("time_zone", .text),
            ("at", .real), ("until", .real), ("set_by", .text), ("set_at", .real), ("active", .boolean),
        ], serial: "id", order: "id"),
        Table(sqlite: "finalisations", postgres: "finalisations", columns: [
            ("id", .integer), ("case_seq", .integer), ("at", .real), ("final_code", .text), ("rule", .text), ("finalised_by", .text),
        ], serial: "id", order: "id"),
        Table(sqlite: "case_audit", postgres: "case_audit", columns: [
            ("id", .integer), ("case_seq", .integer), ("at", .real), ("by", .text), ("action", .text), ("reason", .text),
            ("before", .text), ("after", .text),
        ], serial: "id", order: "id"),
        Table(sqlite: "interviewer_states", postgres: "interviewer_states", columns: [
            ("id", .integer), ("interviewer", .text), ("state", .text), ("at", .real), ("case_id", .text), ("session", .text),
        ], serial: "id", order: "id"),
        Table(sqlite: "preload_values", postgres: "preload_values", columns: [
            ("case_seq", .integer), ("name", .text), ("value", .text), ("source", .text), ("loaded_at", .real),
        ], serial: nil, order: "case_seq, name"),
        Table(sqlite: "replicate_releases", postgres: "replicate_releases", columns: [
            ("id", .integer), ("replicate", .integer), ("at", .real), ("by", .text), ("reason", .text), ("cases", .integer),
        ], serial: "id", order: "id"),
        Table(sqlite: "quota_completes", postgres: "quota_completes", columns: [
            ("rule", .text), ("cell", .text), ("completes", .integer),
        ], serial: nil, order: "rule, cell"),
        Table(sqlite: "weighting_runs", postgres: "weighting_runs", columns: [
            ("id", .integer), ("at", .real), ("margins_file", .text), ("margins", .text), ("base_field", .text), ("cap", .real),
            ("tolerance", .real), ("max_iterations", .integer), ("iterations", .integer), ("converged", .boolean),
            ("trim_rounds", .integer), ("trimmed_cases", .integer), ("cases", .integer), ("design_effect", .real),
        ], serial: "id", order: "id"),
        Table(sqlite: "weights", postgres: "weights", columns: [
            ("case_seq", .integer), ("weight", .real), ("run_id", .integer),
        ], serial: nil, order: "case_seq"),
        Table(sqlite: "meta", postgres: "case_meta", columns: [("key", .text), ("value", .text)], serial: nil, order: "key"),
    ]

    /// Rows copied, by table (SQLite's names).
    public struct Summary: Sendable, Equatable {
        public var rows: [String: Int] = [:]
        public var cases: Int { rows["cases"] ?? 0 }
    }

    public enum Refusal: Error, Equatable, CustomStringConvertible {
        case destinationNotEmpty(cases: Int, at: String)

        public var description: String {
            switch self {
            case let .destinationNotEmpty(cases, at):
                return "\(at) already holds \(cases) case(s): a case store is copied only into an empty one; nothing was copied"
            }
        }
    }

    /// One table's rows in text form (nil for NULL): reals in Swift's shortest exact form, booleans as 1/0.
    typealias Rows = [[String?]]

    /// How many cases survey `schema` holds on the server (0 when it has no case store yet): a copy
    /// checks this before writing anything else, such as journals.
    public static func casesOnServer(_ connection: PostgresConnection, schema: String) throws -> Int {
        let schema = try PostgresCaseSchema.checkedName(schema)
        do {
            let exists = try connection.execute("SELECT to_regclass($1) IS NOT NULL AS present", [.text("\"\(schema)\".cases")])
            guard exists.rows.first?.boolean("present") == true else { return 0 }
            return try connection.execute("SELECT COUNT(*) AS n FROM \"\(schema)\".cases").rows.first?.integer("n") ?? 0
        } catch let error as PostgresError {
            throw CaseStoreError.database("\(connection.url.text) (survey \(schema)): \(error)")
        }
    }

    /// How many cases the SQLite store at `path` holds (0 when there is no file).
    public static func casesInFile(_ path: String) throws -> Int {
        guard FileManager.default.fileExists(atPath: path) else { return 0 }
        return try readSQLiteCount(path: path)
    }

    private static func readSQLiteCount(path: String) throws -> Int {
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            return try queue.read { db in
                guard try db.tableExists("cases") else { return 0 }
                return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cases") ?? 0
            }
        } catch let error as DatabaseError {
            throw CaseStoreError.database("\(path): \(error.message ?? error.description)")
        }
    }

    // MARK: SQLite → PostgreSQL

    /// Copies the store at `path` (SQLite) into survey `schema` on `connection`, creating its tables.
    public static func copy(fromSQLite path: String, to connection: PostgresConnection, schema: String) throws -> Summary {
        let schema = try PostgresCaseSchema.checkedName(schema)
        let source = try readSQLite(path: path)
        var summary = Summary()
        let s = "\"\(schema)\""
        do {
            try connection.transaction { db in
                // Tables as the store makes them; the store's open also checks the schema name.
                try db.executeScript(PostgresCaseSchema.script(schema: schema))
                let present = try db.execute("SELECT COUNT(*) AS n FROM \(s).cases").rows.first?.integer("n") ?? 0
                guard present == 0 else { throw Refusal.destinationNotEmpty(cases: present, at: "\(connection.url.text) (survey \(schema))") }
                try db.execute("DELETE FROM \(s).quota_completes")
                try db.execute("DELETE FROM \(s).case_meta")
                for table in tables {
                    let rows = source[table.sqlite] ?? []
                    let names = table.columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
                    let marks = table.columns.enumerated().map { index, column in "$\(index + 1)::\(postgresType(column.kind))" }
                        .joined(separator: ", ")
                    for row in rows {
                        let parameters = zip(table.columns, row).map { column, value -> PostgresParameter in
                            guard let value else { return .null }
                            if column.kind == .boolean { return .text(value == "0" ? "false" : "true") }
                            return .text(value)
                        }
                        try db.execute("INSERT INTO \(s).\(table.postgres) (\(names)) VALUES (\(marks))", parameters)
                    }
                    if let serial = table.serial {
                        try db.execute("""
                            SELECT setval(pg_get_serial_sequence('\(s).\(table.postgres)', '\(serial)'),
                                          COALESCE((SELECT MAX(\(serial)) FROM \(s).\(table.postgres)), 0) + 1, false) AS v
                            """)
                    }
                    summary.rows[table.sqlite] = rows.count
                }
            }
        } catch let error as PostgresError {
            throw CaseStoreError.database("\(connection.url.text) (survey \(schema)): \(error)")
        }
        return summary
    }

    // MARK: PostgreSQL → SQLite

    /// Copies survey `schema` on `connection` into the store at `path` (SQLite), creating it. `rules`
    /// are the survey's (the store is opened with them, so an existing store's quotas are left as they are).
    public static func copy(from connection: PostgresConnection, schema: String, toSQLite path: String,
                            rules: SchedulingRules) throws -> Summary {
        let schema = try PostgresCaseSchema.checkedName(schema)
        let source = try readPostgres(connection, schema: schema)
        _ = try SQLiteCaseStore(path: path, rules: rules)  // creates the file (owner-only) and its tables
        var summary = Summary()
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in
                let present = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cases") ?? 0
                guard present == 0 else { throw Refusal.destinationNotEmpty(cases: present, at: path) }
                try db.execute(sql: "DELETE FROM quota_completes")
                try db.execute(sql: "DELETE FROM meta")
                for table in tables {
                    let rows = source[table.sqlite] ?? []
                    let names = table.columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
                    let statement = try db.makeStatement(sql: """
                        INSERT INTO \(table.sqlite) (\(names)) VALUES (\(Array(repeating: "?", count: table.columns.count).joined(separator: ", ")))
                        """)
                    for row in rows {
                        let values = zip(table.columns, row).map { column, text -> DatabaseValueConvertible? in
                            guard let text else { return nil }
                            switch column.kind {
                            case .text: return text
                            case .integer: return Int64(text)
                            case .real: return Double(text)
                            case .boolean: return text == "0" ? 0 : 1
                            }
                        }
                        try statement.execute(arguments: StatementArguments(values))
                    }
                    summary.rows[table.sqlite] = rows.count
                }
            }
        } catch let error as DatabaseError {
            throw CaseStoreError.database("\(path): \(error.message ?? error.description)")
        }
        return summary
    }

    // MARK: Reading

    /// Every table's rows from a SQLite store, in one read transaction.
    static func readSQLite(path: String) throws -> [String: Rows] {
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            return try queue.read { db in
                var out: [String: Rows] = [:]
                for table in tables {
                    let names = table.columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
                    out[table.sqlite] = try Row.fetchAll(db, sql: "SELECT \(names) FROM \(table.sqlite) ORDER BY \(table.order)").map { row in
                        table.columns.indices.map { index in text(row[index] as DatabaseValue) }
                    }
                }
                return out
            }
        } catch let error as DatabaseError {
            throw CaseStoreError.database("\(path): \(error.message ?? error.description)")
        }
    }

    /// Every table's rows from a survey schema, in one REPEATABLE READ snapshot.
    static func readPostgres(_ connection: PostgresConnection, schema: String) throws -> [String: Rows] {
        do {
            return try connection.transaction { db in
                _ = try db.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                let present = try db.execute("SELECT to_regclass($1) IS NOT NULL AS present", [.text("\"\(schema)\".\(PostgresCaseSchema.newestTable)")])
                guard present.rows.first?.boolean("present") == true else {
                    throw CaseStoreError.invalidConfiguration(
                        "\(connection.url.text) has no case store for survey \(schema) (or one made before this version: open it once with `fieldwork cases status` first)")
                }
                var out: [String: Rows] = [:]
                for table in tables {
                    let names = table.columns.map { "\"\($0.name)\"" }.joined(separator: ", ")
                    let result = try db.execute("SELECT \(names) FROM \"\(schema)\".\(table.postgres) ORDER BY \(table.order)")
                    out[table.sqlite] = result.rows.map { row in
                        table.columns.map { column in
                            guard let value = row.text(column.name) else { return nil }
                            switch column.kind {
                            case .boolean: return value == "t" ? "1" : "0"
                            case .real: return Double(value).map { String($0) } ?? value
                            case .text, .integer: return value
                            }
                        }
                    }
                }
                return out
            }
        } catch let error as PostgresError {
            throw CaseStoreError.database("\(connection.url.text) (survey \(schema)): \(error)")
        }
    }

    private static func text(_ value: DatabaseValue) -> String? {
        switch value.storage {
        case .null: return nil
        case .int64(let n): return String(n)
        case .double(let d): return String(d)
        case .string(let s): return s
        case .blob(let data): return String(decoding: data, as: UTF8.self)
        }
    }

    private static func postgresType(_ kind: Kind) -> String {
        switch kind {
        case .text: return "text"
        case .integer: return "bigint"
        case .real: return "float8"
        case .boolean: return "boolean"
        }
    }
}
