import FieldworkCases
import FieldworkJournal
import FieldworkPostgres
import FieldworkPostgresStore
import Foundation

/// A survey's stores, opened where its directory says they are: the one place a command asks for
/// a case's journal, the journals of every case, or the case store. A survey directory without
/// `store.json` keeps both in the directory (journal files and `cases.sqlite`); one made with
/// `fieldwork init --store postgresql://…` keeps both on the server, in the schema `store.json`
/// names. Commands use what this gives them and never look at which it is, except to refuse, in
/// one line, an operation the server does not offer yet (`requireDirectoryStore`).
public struct SurveyStores: Sendable {
    /// The survey directory: the pinned questionnaires and the settings (`scheduling.json`, `store.json`).
    public let directory: SurveyDirectory
    /// Where the cases are (the directory's `cases.sqlite`, or the server).
    public let location: CaseStoreLocation
    /// The survey's journals, wherever they are.
    public let journals: any JournalStore

    /// Opens the survey at `url` (a directory `fieldwork init` made) and reads its `store.json`.
    /// Nothing is connected to until a store is used.
    public static func open(at url: URL, reading: JournalReading = .wholeSurvey) throws -> SurveyStores {
        let directory = try SurveyDirectory.open(at: url)
        return try SurveyStores(directory: directory, reading: reading)
    }

    /// How the commands read journals on a server, which decides whether reading one case may fetch
    /// the next ones with it.
    public enum JournalReading: Sendable {
        /// Every case in order, once (`export`, `verify`, `report`): a read fetches the next 256 cases
        /// in the same query, and each is handed out once.
        case wholeSurvey
        /// One case now and then over hours (`session`, `interview`, `rehearse`): every read asks the
        /// server, so a case's journal is never a copy taken before someone else worked it.
        case caseByCase
    }

    public init(directory: SurveyDirectory, reading: JournalReading = .wholeSurvey) throws {
        self.directory = directory
        location = try CaseStoreLocation.read(surveyDirectory: directory.root)
        switch location {
        case .sqlite:
            journals = directory
        case let .postgresql(url, schema):
            journals = PostgresJournalStore(url: url, schema: try Self.surveySchema(schema),
                                            batchSize: reading == .wholeSurvey ? 256 : 1)
        }
    }

    /// True when the survey's stores are on a PostgreSQL server.
    public var isOnServer: Bool {
        if case .postgresql = location { return true }
        return false
    }

    /// Where the stores are, for messages.
    public var storeDescription: String {
        switch location {
        case .sqlite(let directory): return directory.path
        case let .postgresql(url, schema): return "\(url.text) (schema \(schema))"
        }
    }

    /// The survey's scheduling rules (`scheduling.json`).
    public func rules() throws -> SchedulingRules {
        try SchedulingRules.load(fromSurveyDirectory: directory.root)
    }

    /// Opens the case store, creating `cases.sqlite` when the survey has none yet (for commands that
    /// add cases or record calls). On the server, leases run on the server's clock unless
    /// `FIELDWORK_NOW` pins the time, or `callersTimes` asks for the times the caller gives
    /// (generated data with times of its own: `simulate --write`).
    public func caseStore(rules: SchedulingRules? = nil, callersTimes: Bool = false) throws -> any SurveyCaseStore {
        let rules = try rules ?? self.rules()
        switch location {
        case let .sqlite(directory):
            return try SQLiteCaseStore(surveyDirectory: directory, rules: rules)
        case .postgresql:
            guard let store = try location.open(rules: rules, callerClock: callersTimes || Self.timeIsPinned) as? any SurveyCaseStore else {
                throw CaseStoreError.invalidConfiguration("the case store on \(storeDescription) cannot be read")
            }
            return store
        }
    }

    /// Opens the case store only if the survey has one: nil for a survey directory without
    /// `cases.sqlite` (readers never create it). A survey on the server always has one.
    public func existingCaseStore(rules: SchedulingRules? = nil) throws -> (any SurveyCaseStore)? {
        if case .sqlite(let directory) = location,
           !FileManager.default.fileExists(atPath: directory.appendingPathComponent(SQLiteCaseStore.fileName).path) {
            return nil
        }
        return try caseStore(rules: rules)
    }

    /// The SQLite store, for operations the server does not offer yet. A survey on PostgreSQL is
    /// refused with one line saying what is not available there (`doing`: "weighting", …).
    public func sqliteCaseStore(for doing: String, rules: SchedulingRules? = nil) throws -> SQLiteCaseStore {
        try requireDirectoryStore(for: doing)
        return try SQLiteCaseStore(surveyDirectory: directory.root, rules: rules ?? self.rules())
    }

    /// Throws `notYetOnServer` for a survey on PostgreSQL: for operations that exist only on the
    /// survey directory's stores so far.
    public func requireDirectoryStore(for doing: String) throws {
        if isOnServer { throw SurveyStoresError.notYetOnServer(doing: doing, store: storeDescription) }
    }

    /// Whether `FIELDWORK_NOW` pins the time (rehearsals, training, tests): leases then run on it.
    public static var timeIsPinned: Bool {
        !(ProcessInfo.processInfo.environment[CaseClock.environmentVariable] ?? "").isEmpty
    }

    /// Creates a new survey's tables on the server (`fieldwork init --store`): the journal's events
    /// and holders (append-only, as `fieldwork store roles` makes them) and the case tables. Roles
    /// and grants are left to `fieldwork store roles`, run by an administrator.
    public static func createServerTables(url: PostgresURL, schema: String) throws {
        let connection = try PostgresConnection(url: url)
        defer { connection.close() }
        try PostgresSurveySetup.createTables(on: connection, schema: surveySchema(schema))
    }

    private static func surveySchema(_ name: String) throws -> PostgresSurveySchema {
        do { return try PostgresSurveySchema(name) } catch {
            throw CaseStoreError.invalidConfiguration("\(CaseStoreLocation.fileName): \(error)")
        }
    }
}

/// Why a survey's stores refused an operation.
public enum SurveyStoresError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The operation exists only for surveys kept in their directory so far.
    case notYetOnServer(doing: String, store: String)

    public var description: String {
        switch self {
        case let .notYetOnServer(doing, store):
            return "\(doing) is not yet available for a survey kept on PostgreSQL (\(store)); see docs/postgresql.md"
        }
    }
}
