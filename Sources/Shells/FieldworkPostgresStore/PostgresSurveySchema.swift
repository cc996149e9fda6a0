import FieldworkPostgres

/// One survey's place in a PostgreSQL database: a schema of its own (so several surveys share a
/// database and a server), holding its tables, and three group roles named after it.
///
/// The name becomes an SQL identifier, which cannot be a statement parameter, so it is checked
/// here to be plain (`[a-z][a-z0-9_]{0,39}`) and always written double-quoted. Every value that is
/// not an identifier goes through `$n` parameters.
public struct PostgresSurveySchema: Sendable, Equatable, CustomStringConvertible {
    public let name: String

    public init(_ name: String) throws {
        let bytes = Array(name.utf8)
        let plain = !bytes.isEmpty && bytes.count <= 40 && (97...122).contains(bytes[0])
            && bytes.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == UInt8(ascii: "_") }
        guard plain else { throw PostgresStoreError.invalidSurveyName(name) }
        guard !name.hasPrefix("pg_"), name != "public", name != "information_schema" else {
            throw PostgresStoreError.invalidSurveyName(name)
        }
        self.name = name
    }

    public var description: String { name }

    /// The schema, quoted for SQL.
    public var quoted: String { "\"\(name)\"" }
    /// A table of the survey, schema-qualified and quoted.
    public func table(_ table: String) -> String { "\(quoted).\"\(table)\"" }

    /// The group role (NOLOGIN) whose rights a `kind` of user gets; login roles are made members.
    public func role(_ kind: PostgresSurveyRole) -> String { "\(name)_\(kind.rawValue)" }
    public func quotedRole(_ kind: PostgresSurveyRole) -> String { "\"\(role(kind))\"" }
}

/// The least-privilege roles of a survey (docs/postgresql.md lists what each may do).
public enum PostgresSurveyRole: String, Sendable, CaseIterable {
    /// Records interviews: may read and append journal events, never change or delete one.
    case interviewer
    /// Runs fieldwork: what an interviewer may, plus managing cases once the case store is on the
    /// server; still no changing or deleting journal events.
    case supervisor
    /// Reads everything, changes nothing.
    case analyst
}

/// Errors of the survey's tables on PostgreSQL.
public enum PostgresStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidSurveyName(String)
    /// Another session wrote this record number first: two writers on one case.
    case sequenceTaken(caseID: String, seq: Int)

    public var description: String {
        switch self {
        case let .invalidSurveyName(name):
            return "\"\(name)\" cannot name a survey on PostgreSQL: use 1–40 lowercase letters, digits and _, starting with a letter (not pg_…, public)"
        case let .sequenceTaken(caseID, seq):
            return "record \(seq) of case \(caseID) was written by another session first (two writers on one case); nothing of this step was recorded: close the case and open it again"
        }
    }
}
