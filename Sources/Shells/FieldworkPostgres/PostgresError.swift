/// What went wrong talking to PostgreSQL, worded for the person who has to fix it: what failed,
/// libpq's or the server's own words, and what to do next.
public enum PostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The URL is not one libpq can read.
    case invalidURL(String, reason: String)
    /// The URL carries a password, which would end up in files and logs.
    case passwordInURL(String)
    /// No session could be opened: server down, wrong host or port, unknown role or database,
    /// authentication refused.
    case connectionFailed(url: String, message: String, hint: String)
    /// The server refused or failed a statement.
    case statementFailed(ServerError)
    /// The connection broke while a statement was under way: whether it committed is unknown to
    /// this process (an append is then treated as not recorded and is checked on reconnection).
    case connectionLost(url: String, message: String)

    /// The server's report on a failed statement, with its SQLSTATE code.
    public struct ServerError: Sendable, Equatable {
        public let sqlState: String
        public let message: String
        public let detail: String?
        public let hint: String?
        public let constraint: String?

        public init(sqlState: String, message: String, detail: String? = nil, hint: String? = nil, constraint: String? = nil) {
            self.sqlState = sqlState
            self.message = message
            self.detail = detail
            self.hint = hint
            self.constraint = constraint
        }
    }

    /// The SQLSTATE of a failed statement, or nil for other errors.
    public var sqlState: String? {
        if case let .statementFailed(server) = self { return server.sqlState }
        return nil
    }

    public var description: String {
        switch self {
        case let .invalidURL(url, reason):
            return "\(url) is not a PostgreSQL URL libpq can read: \(reason)"
        case let .passwordInURL(url):
            return "\(url) contains a password; remove it from the URL and give it to libpq in a password file (PGPASSFILE or ~/.pgpass, mode 0600) or in PGPASSWORD"
        case let .connectionFailed(url, message, hint):
            return "cannot connect to \(url): \(message)" + (hint.isEmpty ? "" : "; \(hint)")
        case let .statementFailed(server):
            var text = "PostgreSQL refused the request (SQLSTATE \(server.sqlState)): \(server.message)"
            if let detail = server.detail { text += " (\(detail))" }
            if let hint = server.hint { text += "; \(hint)" }
            else if let advice = PostgresSQLState.advice(server.sqlState) { text += "; \(advice)" }
            return text
        case let .connectionLost(url, message):
            return "the connection to \(url) was lost: \(message); nothing after the last acknowledged step is recorded; check the server and the network, then try again"
        }
    }
}

/// SQLSTATE codes this code reacts to, and advice for the ones a person meets.
public enum PostgresSQLState {
    public static let uniqueViolation = "23505"
    public static let insufficientPrivilege = "42501"
    public static let undefinedTable = "42P01"
    public static let raiseException = "P0001"

    static func advice(_ state: String) -> String? {
        switch state {
        case insufficientPrivilege:
            return "the database role lacks this right: ask the survey's database administrator to grant the right Fieldwork role (see docs/postgresql.md)"
        case undefinedTable:
            return "the survey's tables are missing: create them with `fieldwork store roles --store URL` (docs/postgresql.md)"
        default:
            return nil
        }
    }

    /// Advice for a connection refused by libpq, from the words of its message.
    static func connectionHint(_ message: String) -> String {
        let lower = message.lowercased()
        if lower.contains("no password supplied") || lower.contains("password authentication failed") {
            return "give the password to libpq in a password file (PGPASSFILE or ~/.pgpass, mode 0600, lines host:port:database:user:password) or in PGPASSWORD; never in the URL"
        }
        if lower.contains("connection refused") || lower.contains("no such file or directory") || lower.contains("could not connect") {
            return "check that the server is running, or correct the host and port in the URL (pg_isready -d URL tells)"
        }
        if lower.contains("role") && lower.contains("does not exist") {
            return "create the login role, or use another user in the URL (postgresql://USER@host/db)"
        }
        if lower.contains("database") && lower.contains("does not exist") {
            return "create the database first (createdb NAME), or name an existing one in the URL"
        }
        if lower.contains("could not translate host name") {
            return "check the host name in the URL"
        }
        if lower.contains("timeout") {
            return "the server did not answer in time: check the network and connect_timeout"
        }
        return ""
    }
}
