import CLibPQ
import Foundation

/// One session with a PostgreSQL server through libpq, used synchronously: each call sends one
/// statement and returns when the server has answered (for a statement outside a transaction, when
/// it has committed). Calls are serialised, so one connection may be shared between threads, one
/// statement at a time.
///
/// The password comes from libpq's usual sources (PGPASSFILE, ~/.pgpass, PGPASSWORD, a service
/// file); the URL may not carry one (`PostgresURL`). Every session runs with
/// `synchronous_commit = on`, whatever the server's or role's default: a commit returns only once
/// it is durable, so what Fieldwork acknowledges survives a server crash.
public final class PostgresConnection: @unchecked Sendable {
    public let url: PostgresURL
    private let mutex = NSLock()
    private var connection: OpaquePointer?

    /// Connects to `url`. `applicationName` shows in `pg_stat_activity` (who holds what).
    public init(url: PostgresURL, applicationName: String = "fieldwork") throws {
        self.url = url
        let keywords = ["dbname", "fallback_application_name", "connect_timeout"]
        let values = [url.text, applicationName, url.settings["connect_timeout"] ?? "10"]
        let connection = withCStrings(keywords) { keywordPointers in
            withCStrings(values) { valuePointers in
                PQconnectdbParams(keywordPointers, valuePointers, 1)
            }
        }
        guard let connection else {
            throw PostgresError.connectionFailed(url: url.text, message: "libpq could not allocate a connection", hint: "")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(connection)).trimmingTrailingNewlines
            PQfinish(connection)
            throw PostgresError.connectionFailed(url: url.text, message: Self.oneLine(message),
                                                 hint: PostgresSQLState.connectionHint(message))
        }
        // Notices (e.g. "relation already exists, skipping") are for people running SQL by hand.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        self.connection = connection
        try execute("SET synchronous_commit = on")
    }

    /// Connects to the URL `text` (see `PostgresURL` for what is accepted).
    public convenience init(_ text: String, applicationName: String = "fieldwork") throws {
        try self.init(url: PostgresURL(text), applicationName: applicationName)
    }

    deinit { close() }

    /// Ends the session. Further statements throw `connectionLost`.
    public func close() {
        mutex.lock()
        defer { mutex.unlock() }
        if let connection { PQfinish(connection) }
        connection = nil
    }

    /// Runs one statement with its parameters bound to `$1`, `$2`, …; returns its rows.
    @discardableResult
    public func execute(_ sql: String, _ parameters: [PostgresParameter] = []) throws -> PostgresRows {
        try run(sql, parameters, binaryResults: false) { Self.rows(of: $0) }
    }

    /// Runs one query whose columns are all `text` or `bytea`, and returns each value's bytes as
    /// the server sends them in binary form: for those two types, exactly the stored bytes (no
    /// `\x…` hex text to build and decode, which for whole journals costs more than the query).
    /// nil for NULL. Rows in order, values in column order.
    public func executeReturningBytes(_ sql: String, _ parameters: [PostgresParameter] = []) throws -> [[[UInt8]?]] {
        try run(sql, parameters, binaryResults: true) { result in
            let columnCount = Int(PQnfields(result))
            let rowCount = Int(PQntuples(result))
            var rows: [[[UInt8]?]] = []
            rows.reserveCapacity(rowCount)
            for row in 0..<rowCount {
                rows.append((0..<columnCount).map { column in
                    let (r, c) = (Int32(row), Int32(column))
                    guard PQgetisnull(result, r, c) == 0, let value = PQgetvalue(result, r, c) else { return nil }
                    let length = Int(PQgetlength(result, r, c))
                    return value.withMemoryRebound(to: UInt8.self, capacity: length) { [UInt8](UnsafeBufferPointer(start: $0, count: length)) }
                })
            }
            return rows
        }
    }

    /// Sends one statement and hands its successful result to `read` (freed afterwards).
    private func run<T>(_ sql: String, _ parameters: [PostgresParameter], binaryResults: Bool,
                        _ read: (OpaquePointer?) -> T) throws -> T {
        mutex.lock()
        defer { mutex.unlock() }
        guard let connection else {
            throw PostgresError.connectionLost(url: url.text, message: "the connection was closed")
        }
        let result = Self.send(connection, sql, parameters, resultFormat: binaryResults ? 1 : 0)
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return read(result)
        default:
            if PQstatus(connection) != CONNECTION_OK {
                let message = String(cString: PQerrorMessage(connection)).trimmingTrailingNewlines
                throw PostgresError.connectionLost(url: url.text, message: Self.oneLine(message))
            }
            throw PostgresError.statementFailed(Self.serverError(result, connection))
        }
    }

    /// Runs several statements separated by semicolons, without parameters (schema scripts written
    /// in this code, never text from users). Stops at the first failure.
    public func executeScript(_ sql: String) throws {
        mutex.lock()
        defer { mutex.unlock() }
        guard let connection else {
            throw PostgresError.connectionLost(url: url.text, message: "the connection was closed")
        }
        let result = PQexec(connection, sql)
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return
        default:
            if PQstatus(connection) != CONNECTION_OK {
                let message = String(cString: PQerrorMessage(connection)).trimmingTrailingNewlines
                throw PostgresError.connectionLost(url: url.text, message: Self.oneLine(message))
            }
            throw PostgresError.statementFailed(Self.serverError(result, connection))
        }
    }

    /// Runs `body` inside BEGIN … COMMIT; rolls back and rethrows when it throws. The commit has
    /// returned (durably, with `synchronous_commit = on`) when this returns.
    ///
    /// With `reconnecting`, a session the server has dropped (a restart, a network cut) is opened
    /// again before the transaction starts, and a BEGIN that finds it gone is sent once more on a
    /// new session: nothing of the transaction had been sent, so nothing can be applied twice. Only
    /// for callers that keep no session state (locks, settings) between transactions.
    public func transaction<T>(reconnecting: Bool = false, _ body: (PostgresConnection) throws -> T) throws -> T {
        if reconnecting && !isConnected { try reconnect() }
        do {
            try execute("BEGIN")
        } catch PostgresError.connectionLost where reconnecting {
            try reconnect()
            try execute("BEGIN")
        }
        do {
            let value = try body(self)
            try execute("COMMIT")
            return value
        } catch {
            _ = try? execute("ROLLBACK")
            throw error
        }
    }

    /// Whether the session is still usable (false after the server went away).
    public var isConnected: Bool {
        mutex.lock()
        defer { mutex.unlock() }
        guard let connection else { return false }
        return PQstatus(connection) == CONNECTION_OK
    }

    /// Reopens a broken session in place (libpq's `PQreset`), with the same settings.
    public func reconnect() throws {
        mutex.lock()
        guard let connection else {
            mutex.unlock()
            throw PostgresError.connectionLost(url: url.text, message: "the connection was closed")
        }
        PQreset(connection)
        let ok = PQstatus(connection) == CONNECTION_OK
        let message = String(cString: PQerrorMessage(connection)).trimmingTrailingNewlines
        mutex.unlock()
        guard ok else {
            throw PostgresError.connectionFailed(url: url.text, message: Self.oneLine(message),
                                                 hint: PostgresSQLState.connectionHint(message))
        }
        try execute("SET synchronous_commit = on")
    }

    // MARK: libpq

    private static func send(_ connection: OpaquePointer, _ sql: String, _ parameters: [PostgresParameter],
                             resultFormat: Int32 = 0) -> OpaquePointer? {
        if parameters.isEmpty { return PQexecParams(connection, sql, 0, nil, nil, nil, nil, resultFormat) }
        var types: [UInt32] = []
        var buffers: [[CChar]?] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        for parameter in parameters {
            types.append(parameter.typeOID)
            switch parameter {
            case .null:
                buffers.append(nil); lengths.append(0); formats.append(0)
            case let .text(text):
                buffers.append(Array(text.utf8CString)); lengths.append(0); formats.append(0)
            case let .integer(value):
                buffers.append(Array(String(value).utf8CString)); lengths.append(0); formats.append(0)
            case let .boolean(value):
                buffers.append(Array((value ? "t" : "f").utf8CString)); lengths.append(0); formats.append(0)
            case let .bytes(bytes):
                buffers.append(bytes.map { CChar(bitPattern: $0) }); lengths.append(Int32(bytes.count)); formats.append(1)
            }
        }
        return withPointers(buffers) { pointers in
            PQexecParams(connection, sql, Int32(parameters.count), types, pointers, lengths, formats, resultFormat)
        }
    }

    private static func rows(of result: OpaquePointer?) -> PostgresRows {
        let columnCount = Int(PQnfields(result))
        let rowCount = Int(PQntuples(result))
        let columns = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
        var values: [[String?]] = []
        values.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            values.append((0..<columnCount).map { column in
                PQgetisnull(result, Int32(row), Int32(column)) == 1 ? nil : String(cString: PQgetvalue(result, Int32(row), Int32(column)))
            })
        }
        let affected = Int(String(cString: PQcmdTuples(result))) ?? 0
        return PostgresRows(columns: columns, values: values, affectedRows: affected)
    }

    private static func serverError(_ result: OpaquePointer?, _ connection: OpaquePointer) -> PostgresError.ServerError {
        func field(_ code: Character) -> String? {
            guard let result, let value = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return String(cString: value)
        }
        let message = field("M") ?? String(cString: PQerrorMessage(connection)).trimmingTrailingNewlines
        return PostgresError.ServerError(sqlState: field("C") ?? "XX000", message: message,
                                         detail: field("D"), hint: field("H"), constraint: field("n"))
    }

    /// libpq's messages can run over several lines (an indented second line says what to check):
    /// made into one line for the one-line error a command prints.
    private static func oneLine(_ message: String) -> String {
        message.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }
}

/// Calls `body` with a NULL-terminated array of C strings that live for the call.
private func withCStrings<T>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> T) -> T {
    withPointers(strings.map { Array($0.utf8CString) } + [nil]) { body($0) }
}

/// Calls `body` with pointers to each buffer (nil stays nil), valid for the call.
private func withPointers<T>(_ buffers: [[CChar]?], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> T) -> T {
    var storage: [UnsafeMutablePointer<CChar>?] = buffers.map { buffer in
        guard let buffer else { return nil }
        let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: max(buffer.count, 1))
        pointer.initialize(from: buffer, count: buffer.count)
        return pointer
    }
    defer { storage.forEach { $0?.deallocate() } }
    return storage.withUnsafeMutableBufferPointer { mutable in
        mutable.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: mutable.count) { body($0) }
    }
}
