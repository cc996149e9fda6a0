import ArgumentParser
import FieldworkPostgres
import FieldworkPostgresStore
import Foundation

/// `fieldwork store …`: a survey's tables on a PostgreSQL server (docs/postgresql.md).
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Set up a survey's store on PostgreSQL (tables and least-privilege roles).",
        subcommands: [StoreRolesCommand.self]
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
