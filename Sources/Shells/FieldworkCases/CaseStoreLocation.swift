import FieldworkPostgres
import Foundation

/// Where a survey's case store lives: `cases.sqlite` in the survey directory (the default), or a
/// schema on a PostgreSQL server, named in the directory's `store.json` by `fieldwork init --store`.
///
/// `store.json` holds the server's URL and the survey's schema, never a password (`PostgresURL`
/// refuses one): libpq reads it from `PGPASSFILE`, `~/.pgpass`, `PGPASSWORD` or a service file.
public enum CaseStoreLocation: Sendable, Equatable {
    case sqlite(directory: URL)
    case postgresql(url: PostgresURL, schema: String)

    /// The settings file in a survey directory.
    public static let fileName = "store.json"

    private struct Settings: Codable {
        var store: String
        var url: String
        var schema: String
    }

    /// Reads the directory's `store.json`; a directory without one keeps its cases in `cases.sqlite`.
    public static func read(surveyDirectory directory: URL) throws -> CaseStoreLocation {
        let file = directory.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: file.path) else { return .sqlite(directory: directory) }
        let settings: Settings
        do {
            settings = try JSONDecoder().decode(Settings.self, from: Data(contentsOf: file))
        } catch {
            throw CaseStoreError.invalidConfiguration(
                "\(file.path) is not a store setting such as {\"store\": \"postgresql\", \"url\": \"postgresql://…\", \"schema\": \"survey\"}: \(error.localizedDescription)")
        }
        guard settings.store == "postgresql" else {
            throw CaseStoreError.invalidConfiguration("\(file.path): store \"\(settings.store)\" is unknown; the only one to name is \"postgresql\" (remove the file for cases.sqlite)")
        }
        do {
            return .postgresql(url: try PostgresURL(settings.url), schema: try PostgresCaseSchema.checkedName(settings.schema))
        } catch let error as PostgresError {
            throw CaseStoreError.invalidConfiguration("\(file.path): \(error)")
        }
    }

    /// Writes `store.json` for a PostgreSQL location (nothing for SQLite, the default).
    public func write(surveyDirectory directory: URL) throws {
        guard case let .postgresql(url, schema) = self else { return }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(Settings(store: "postgresql", url: url.text, schema: schema))
        try (data + Data("\n".utf8)).write(to: directory.appendingPathComponent(Self.fileName), options: .atomic)
    }

    /// The schema name a survey directory gets by default: its folder name in lowercase, with
    /// anything but letters, digits and _ turned into _ (prefixed with `s` when it does not start
    /// with a letter), at most 40 characters.
    public static func defaultSchemaName(forDirectory directory: URL) -> String {
        let base = directory.standardizedFileURL.lastPathComponent.lowercased()
        var name = String(base.unicodeScalars.map { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" ? Character($0) : "_" })
        if !(name.first.map { ("a"..."z").contains($0) } ?? false) { name = "s" + name }
        if name.hasPrefix("pg_") || name == "public" { name = "s_" + name }
        return String(name.prefix(40))
    }

    /// Opens the store here. On PostgreSQL, leases run on the server's clock unless `FIELDWORK_NOW`
    /// pins the time (`callerClock`), as in rehearsals and tests.
    public func open(rules: SchedulingRules, callerClock: Bool) throws -> any CaseAdministration {
        switch self {
        case let .sqlite(directory):
            return try SQLiteCaseStore(surveyDirectory: directory, rules: rules)
        case let .postgresql(url, schema):
            let connection: PostgresConnection
            do { connection = try PostgresConnection(url: url) } catch let error as PostgresError {
                throw CaseStoreError.database("\(error)")
            }
            return try PostgresCaseStore(connection: connection, schema: schema, rules: rules, clock: callerClock ? .caller : .server)
        }
    }
}
