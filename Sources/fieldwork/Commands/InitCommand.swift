import ArgumentParser
import FieldworkCases
import FieldworkJournal
import FieldworkPostgres
import FieldworkSurveyStores
import Foundation

/// `fieldwork init DIR --questionnaire FILE`: create a survey directory, or pin a changed
/// questionnaire into an existing one.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a survey directory and pin the questionnaire it uses.",
        discussion: """
            DIR must be new, empty, or an existing survey directory. Running init again on a survey \
            directory with a changed questionnaire pins the new version (the old one is kept so \
            interviews already recorded can be replayed against it).

            With --store postgresql://USER@HOST:PORT/DATABASE the survey keeps its cases in a schema \
            of that database (--survey, default: the directory's name); the directory gets store.json \
            with the URL and schema, never a password (libpq reads it from PGPASSFILE, ~/.pgpass or \
            PGPASSWORD). See docs/postgresql.md for what runs on PostgreSQL so far.
            """
    )

    @Argument(help: "The survey directory to create.", completion: .directory)
    var directory: String

    @Option(name: .long, help: "The questionnaire JSON file.", completion: .file(extensions: ["json"]))
    var questionnaire: String

    @Option(name: .long, help: "Keep the cases on this PostgreSQL server (postgresql://USER@HOST:PORT/DATABASE, no password).")
    var store: String?

    @Option(name: .long, help: "With --store: the survey's name on the server, its schema (lowercase letters, digits, _; default from DIR).")
    var survey: String?

    func validate() throws {
        if survey != nil, store == nil { throw ValidationError("--survey names a schema on PostgreSQL: give --store too") }
    }

    func run() throws {
        try CommandFailure.reporting(initialise)
    }

    private func initialise() throws {
        let questionnaireURL = URL(fileURLWithPath: questionnaire)
        let bytes: Data
        do {
            bytes = try Data(contentsOf: questionnaireURL)
        } catch {
            throw CommandFailure("cannot read questionnaire \(questionnaire): \((error as NSError).localizedDescription)")
        }
        let identity = try QuestionnaireIdentity(bytes: bytes, fileName: questionnaireURL.deletingPathExtension().lastPathComponent, path: questionnaire)
        let target = URL(fileURLWithPath: directory)
        let location = try storeLocation(for: target)
        if let existing = try? SurveyDirectory.open(at: target) {
            if let location, try CaseStoreLocation.read(surveyDirectory: existing.root) != location {
                throw CommandFailure("\(existing.root.path) is a survey directory already, with its cases elsewhere; a survey's store is chosen when it is created (move one with `fieldwork store copy`)")
            }
            let result = try existing.pin(questionnaireBytes: bytes, questionnaireID: identity.id, version: identity.version)
            if result.isNewVersion {
                print("Pinned questionnaire \(identity.id) version \(identity.version) (sha256 \(result.pinned.sha256.prefix(12))…) in \(existing.root.path); new interviews use it.")
            } else {
                print("Questionnaire \(result.pinned.id) version \(result.pinned.version) was already pinned in \(existing.root.path); it is the current version.")
            }
        } else {
            let survey = try SurveyDirectory.create(at: target, questionnaireBytes: bytes, questionnaireID: identity.id, version: identity.version)
            let manifest = try survey.readManifest()
            try location?.write(surveyDirectory: survey.root)
            print("Created survey directory \(survey.root.path) with questionnaire \(identity.id) version \(identity.version) (sha256 \(manifest.currentQuestionnaire.prefix(12))…).")
            if case let .postgresql(url, schema) = location {
                print("Its cases and journals are kept on PostgreSQL: \(url.text), schema \(schema) (\(CaseStoreLocation.fileName)).")
            }
        }
    }

    /// The PostgreSQL location `--store` names, checked by connecting and creating the journal and case tables
    /// before anything is written; nil without `--store`.
    private func storeLocation(for target: URL) throws -> CaseStoreLocation? {
        guard let store else { return nil }
        let url: PostgresURL
        do { url = try PostgresURL(store) } catch { throw CommandFailure("--store: \(error)") }
        let location = CaseStoreLocation.postgresql(
            url: url, schema: survey ?? CaseStoreLocation.defaultSchemaName(forDirectory: target))
        do {
            // The journal's tables (append-only) and the case tables: both stores live on the server.
            try SurveyStores.createServerTables(url: url, schema: survey ?? CaseStoreLocation.defaultSchemaName(forDirectory: target))
            _ = try location.open(rules: SchedulingRules(), callerClock: false)
        } catch {
            throw CommandFailure("--store \(url.text): \(error)")
        }
        return location
    }
}

/// The questionnaire's `id` and `version`, read leniently: only for labelling the pinned copy.
struct QuestionnaireIdentity {
    let id: String
    let version: String

    init(bytes: Data, fileName: String, path: String) throws {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: bytes)
        } catch {
            throw CommandFailure("questionnaire \(path) is not valid JSON: \((error as NSError).localizedDescription)")
        }
        guard let fields = object as? [String: Any] else {
            throw CommandFailure("questionnaire \(path) must be a JSON object with \"id\" and \"version\" fields")
        }
        id = Self.text(fields["id"]) ?? fileName
        version = Self.text(fields["version"]) ?? "unversioned"
    }

    private static func text(_ value: Any?) -> String? {
        switch value {
        case let string as String where !string.isEmpty: return string
        case let number as NSNumber: return number.stringValue
        default: return nil
        }
    }
}
