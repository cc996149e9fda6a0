import ArgumentParser
import FieldworkPostgres
import FieldworkCases
import FieldworkJournal
import FieldworkPostgresStore
import Foundation

/// `fieldwork store …`: a survey's tables on a PostgreSQL server (docs/postgresql.md).
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Set up a survey's store on PostgreSQL (tables and least-privilege roles).",
        subcommands: [StoreRolesCommand.self, StoreVerifyCommand.self, StoreCopyCommand.self]
    )
}

/// `fieldwork store roles --store postgresql://… --survey NAME`: creates the survey's schema, its
/// journal tables and the three group roles, and grants each only what it needs. Run it as the
/// database's owner; running it again changes nothing.
struct StoreRolesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roles",
        abstract: "Create the survey's schema, tables and roles (interviewer, supervisor, analyst) on PostgreSQL.",
        discussion: """
            The URL names the server, database and administrator, never a password: libpq reads it from \
            PGPASSFILE (or ~/.pgpass) or PGPASSWORD. Login roles get a survey role with \
            GRANT NAME_interviewer TO alice; see docs/postgresql.md.
            """
    )

    @Option(name: .long, help: "The database, e.g. postgresql://admin@db.example.org/fieldwork (no password).")
    var store: String

    @Option(name: .long, help: "The survey's name on the server: its schema and the prefix of its roles (lowercase letters, digits, _).")
    var survey: String

    func run() throws {
        try CommandFailure.reporting {
            let schema = try PostgresSurveySchema(survey)
            let connection = try PostgresConnection(store, applicationName: "fieldwork store roles")
            defer { connection.close() }
            try PostgresSurveySetup.run(on: connection, schema: schema)
            print("survey \(schema.name) is set up on \(connection.url): schema \(schema.name), tables journal_events and journal_holders")
            for role in PostgresSurveyRole.allCases {
                print("  role \(schema.role(role)) (\(role.rawValue)): grant it to login roles with GRANT \(schema.role(role)) TO name;")
            }
        }
    }
}

/// `fieldwork store verify --store postgresql://… --survey NAME`: checks every journal kept on the
/// server as `verify` checks journal files (checksums, sequence, case), and each row's columns
/// against its line. Exit status 1 when any journal is damaged or was altered.
struct StoreVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every journal of a survey on PostgreSQL for damage and rows altered outside Fieldwork."
    )

    @Option(name: .long, help: "The database, e.g. postgresql://analyst@db.example.org/fieldwork (no password).")
    var store: String

    @Option(name: .long, help: "The survey's name on the server.")
    var survey: String

    func run() throws {
        var damaged = 0
        try CommandFailure.reporting {
            let schema = try PostgresSurveySchema(survey)
            let connection = try PostgresConnection(store, applicationName: "fieldwork store verify")
            defer { connection.close() }
            let results = try PostgresJournalReader.verifyAll(connection: connection, schema: schema)
            var records = 0
            for (caseID, result) in results {
                records += result.records.count
                let state = result.isComplete ? "complete" : result.isEnded ? "ended" : "in progress"
                print("\(caseID): \(result.records.count) record\(result.records.count == 1 ? "" : "s"), \(state)")
                for problem in result.problems {
                    print("  \(problem.isCorruption ? "DAMAGED" : "note"): row \(problem.line): \(problem.message)")
                }
                if result.hasCorruption { damaged += 1 }
            }
            print("\(results.count) journal\(results.count == 1 ? "" : "s"), \(records) record\(records == 1 ? "" : "s"), \(damaged) damaged")
        }
        if damaged > 0 {
            Output.error("verify failed: \(damaged) journal\(damaged == 1 ? " is" : "s are") damaged or altered on the server; restore them from a backup (docs/postgresql.md) before exporting")
            throw ExitCode.failure
        }
    }
}

/// `fieldwork store copy --from DIR --to postgresql://… --survey NAME`, and back: moves every
/// journal between a survey directory and a survey on PostgreSQL, line for line (journals only so
/// far; the case store stays where it is).
struct StoreCopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a survey's journals and case store between a survey directory and PostgreSQL.",
        discussion: """
            One side is a survey directory, the other a postgresql:// URL with --survey. Journals are \
            copied byte for byte; the case store (cases, calls, appointments, audit trail, interviewer \
            states, preload values, replicates, quota counts, survey weights) row for row. Everything is \
            checked before anything is written: a damaged journal at the source, a case that already has \
            a journal at the destination, or a destination case store that already holds cases stops the \
            copy with nothing written.
            """
    )

    @Option(name: .long, help: "Where the journals are: a survey directory or postgresql://… URL.")
    var from: String

    @Option(name: .long, help: "Where they go: a postgresql://… URL or a survey directory made by fieldwork init.")
    var to: String

    @Option(name: .long, help: "The survey's name on the server.")
    var survey: String

    func run() throws {
        try CommandFailure.reporting {
            let schema = try PostgresSurveySchema(survey)
            let fromServer = PostgresURL.looksLikePostgresURL(from), toServer = PostgresURL.looksLikePostgresURL(to)
            guard fromServer != toServer else {
                throw CommandFailure("give one survey directory and one postgresql:// URL (--from \(from) --to \(to))")
            }
            let summary: PostgresJournalCopy.Summary
            var cases: CaseStoreCopy.Summary?
            if toServer {
                let directory = try SurveyDirectory.open(at: URL(fileURLWithPath: from))
                let connection = try PostgresConnection(to, applicationName: "fieldwork store copy")
                defer { connection.close() }
                let file = directory.root.appendingPathComponent(SQLiteCaseStore.fileName).path
                let hasCases = try CaseStoreCopy.casesInFile(file) > 0
                if hasCases { try refuseCasesAtDestination(CaseStoreCopy.casesOnServer(connection, schema: schema.name), "\(to) (survey \(schema.name))") }
                summary = try PostgresJournalCopy.copy(from: directory, to: connection, schema: schema)
                if hasCases { cases = try CaseStoreCopy.copy(fromSQLite: file, to: connection, schema: schema.name) }
            } else {
                let directory = try SurveyDirectory.open(at: URL(fileURLWithPath: to))
                let connection = try PostgresConnection(from, applicationName: "fieldwork store copy")
                defer { connection.close() }
                let file = directory.root.appendingPathComponent(SQLiteCaseStore.fileName).path
                let hasCases = try CaseStoreCopy.casesOnServer(connection, schema: schema.name) > 0
                if hasCases { try refuseCasesAtDestination(CaseStoreCopy.casesInFile(file), file) }
                summary = try PostgresJournalCopy.copy(from: connection, schema: schema, to: directory)
                if hasCases {
                    cases = try CaseStoreCopy.copy(from: connection, schema: schema.name, toSQLite: file,
                                                   rules: try SchedulingRules.load(fromSurveyDirectory: directory.root))
                }
            }
            print("copied \(summary.journals) journal\(summary.journals == 1 ? "" : "s"), \(summary.records) record\(summary.records == 1 ? "" : "s")")
            if let cases {
                let calls = cases.rows["attempts"] ?? 0, audit = cases.rows["case_audit"] ?? 0, appointments = cases.rows["appointments"] ?? 0
                print("copied the case store: \(cases.cases) case(s), \(calls) call(s), \(appointments) appointment(s), \(audit) audit row(s)")
                if let weights = cases.rows["weights"], weights > 0 {
                    print("copied the survey weights: \(weights) weight(s)")
                }
            } else {
                print("no case store to copy (no cases at the source)")
            }
            if !summary.crashTracesLeftOut.isEmpty {
                print("left out unacknowledged crash traces (torn tails) of: \(summary.crashTracesLeftOut.joined(separator: ", "))")
            }
        }
    }

    /// Stops the copy, before anything is written, when the destination's case store already holds cases.
    private func refuseCasesAtDestination(_ count: Int, _ place: String) throws {
        guard count == 0 else { throw CommandFailure(CaseStoreCopy.Refusal.destinationNotEmpty(cases: count, at: place).description) }
    }
}
