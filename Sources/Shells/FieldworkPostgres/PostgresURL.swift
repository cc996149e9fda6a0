import Foundation
import CLibPQ

/// Where a survey's PostgreSQL database is: a `postgresql://` (or `postgres://`) URL as libpq
/// reads it, e.g. `postgresql://interviewer@db.example.org:5432/bas?sslmode=require`.
///
/// The URL is checked by libpq's own parser (`PQconninfoParse`), so anything libpq accepts is
/// accepted here and nothing else. It must not carry a password: the URL is written into survey
/// directories and shown in messages, and libpq already has the usual places for passwords (the
/// password file named by `PGPASSFILE`, `~/.pgpass`, `PGPASSWORD`, a service file).
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    /// The URL exactly as given.
    public let text: String
    /// The settings libpq read from it (host, port, dbname, user, sslmode, …), without empty ones.
    public let settings: [String: String]

    /// Whether `text` is meant as a PostgreSQL location rather than a path: it starts with one of
    /// libpq's two URL schemes.
    public static func looksLikePostgresURL(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    public init(_ text: String) throws {
        guard Self.looksLikePostgresURL(text) else {
            throw PostgresError.invalidURL(text, reason: "it does not start with postgresql:// (for example postgresql://user@host:5432/dbname)")
        }
        var errorMessage: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(text, &errorMessage) else {
            let reason = errorMessage.map { String(cString: $0) } ?? "libpq could not read it"
            if let errorMessage { PQfreemem(errorMessage) }
            throw PostgresError.invalidURL(Self.redact(text), reason: reason.trimmingTrailingNewlines)
        }
        defer { PQconninfoFree(options) }
        var settings: [String: String] = [:]
        var option = options
        while let keyword = option.pointee.keyword {
            if let value = option.pointee.val, value.pointee != 0 {
                settings[String(cString: keyword)] = String(cString: value)
            }
            option += 1
        }
        if settings["password"] != nil {
            throw PostgresError.passwordInURL(Self.redact(text))
        }
        self.text = text
        self.settings = settings
    }

    /// The database name, when the URL names one (libpq otherwise uses the user name).
    public var databaseName: String? { settings["dbname"] }
    /// The user name, when the URL names one (libpq otherwise uses PGUSER or the login name).
    public var userName: String? { settings["user"] }

    public var description: String { text }

    /// `text` with the password hidden, wherever it was typed (`user:secret@host` or
    /// `?password=secret`), for messages about a URL that was refused: a password is never echoed
    /// to a terminal or a log.
    static func redact(_ text: String) -> String {
        var text = redactUserInfo(text)
        while let range = text.range(of: "password=", options: .caseInsensitive) {
            let valueEnd = text[range.upperBound...].firstIndex(of: "&") ?? text.endIndex
            text.replaceSubrange(range.lowerBound..<valueEnd, with: "PASSWORD-REMOVED")
        }
        return text.replacingOccurrences(of: "PASSWORD-REMOVED", with: "password=***")
    }

    private static func redactUserInfo(_ text: String) -> String {
        guard let schemeEnd = text.range(of: "://") else { return text }
        let rest = text[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let authority = rest[rest.startIndex..<authorityEnd]
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}

extension String {
    var trimmingTrailingNewlines: String {
        var text = self
        while let last = text.last, last.isNewline || last == " " { text.removeLast() }
        return text
    }
}
