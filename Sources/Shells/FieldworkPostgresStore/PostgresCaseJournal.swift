import FieldworkJournal
import FieldworkPostgres
import Foundation

/// A case's journal kept in PostgreSQL: the same lines `CaseJournal` writes to a file, one row
/// each in the survey's `journal_events` table, keyed by (case, sequence).
///
/// - Exclusive: opening takes a session-level advisory lock on the case. The server drops it when
///   the session ends (a killed process, a dropped network), like `flock` on a file; a live holder
///   makes the next `open` fail with `JournalError.caseLocked` naming them. The primary key stops a
///   second writer even without the lock: it gets `PostgresStoreError.sequenceTaken`.
/// - Append-only: rows are only inserted (see `PostgresSurveySetup` for the rights and trigger).
/// - Durable before acknowledged: each append is one INSERT committed on its own with
///   `synchronous_commit = on`; `append` returns after the commit has returned. If it throws, the
///   record must be treated as not recorded.
/// - A lost connection: the append that saw it throws (`PostgresError.connectionLost`); the next
///   one reconnects, takes the case's lock again (refused if another session took the case in the
///   meantime) and reads the last stored sequence number before numbering its record, so a record
///   whose commit did reach the server is neither duplicated nor skipped.
public final class PostgresCaseJournal: @unchecked Sendable {
    public let caseID: String
    public let schema: PostgresSurveySchema
    /// What was in the journal when it was opened, read and checked like a file journal.
    public let existing: JournalReadResult

    private let connection: PostgresConnection
    /// Called with the connection once the case is released, for a store that reuses connections.
    var whenClosed: (@Sendable (PostgresConnection) -> Void)?
    private let mutex = NSLock()
    private var lastSeq: Int
    private var isOpen = true
    /// Set when an append failed in a way that leaves its fate unknown (a lost connection): the
    /// last sequence number is read again before the next append.
    private var needsResync = false
    private let encoder = JournalCoding.makeEncoder()

    private init(caseID: String, schema: PostgresSurveySchema, connection: PostgresConnection, existing: JournalReadResult) {
        self.caseID = caseID
        self.schema = schema
        self.connection = connection
        self.existing = existing
        self.lastSeq = existing.lastSequence
    }

    /// Opens the journal of `caseID` for writing on `connection` (which it then uses alone), on
    /// behalf of `holder`. Throws `JournalError.caseLocked` when another session has the case.
    public static func open(connection: PostgresConnection, schema: PostgresSurveySchema, caseID: String,
                            holder: HolderInfo) throws -> PostgresCaseJournal {
        if let reason = CaseID.validate(caseID) { throw JournalError.invalidCaseID(caseID, reason: reason) }
        let locked = try connection.execute("SELECT pg_try_advisory_lock($1) AS locked", [.integer(try lockKey(connection, schema, caseID))])
        guard locked[0].boolean("locked") == true else {
            throw JournalError.caseLocked(caseID: caseID, holder: try? currentHolder(connection: connection, schema: schema, caseID: caseID))
        }
        do {
            let holderJSON = String(decoding: try JournalCoding.makeEncoder().encode(holder), as: UTF8.self)
            try connection.execute("""
                INSERT INTO \(schema.table("journal_holders")) (case_id, holder, since) VALUES ($1, $2, now())
                ON CONFLICT (case_id) DO UPDATE SET holder = EXCLUDED.holder, since = EXCLUDED.since
                """, [.text(caseID), .text(holderJSON)])
            let existing = try PostgresJournalReader.read(connection: connection, schema: schema, caseID: caseID)
            return PostgresCaseJournal(caseID: caseID, schema: schema, connection: connection, existing: existing)
        } catch {
            _ = try? connection.execute("SELECT pg_advisory_unlock($1)", [.integer(try lockKey(connection, schema, caseID))])
            throw error
        }
    }

    /// Who has the case open now, or nil when nobody does.
    public static func currentHolder(connection: PostgresConnection, schema: PostgresSurveySchema, caseID: String) throws -> HolderInfo? {
        let key = try lockKey(connection, schema, caseID)
        let held = try connection.execute("""
            SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND granted
              AND ((classid::bigint << 32) | objid::bigint) = $1 AND objsubid = 1
            """, [.integer(key)])
        guard (held[0].integer("n") ?? 0) > 0 else { return nil }
        let rows = try connection.execute("SELECT holder FROM \(schema.table("journal_holders")) WHERE case_id = $1", [.text(caseID)])
        guard let json = rows.isEmpty ? nil : rows[0].text("holder") else { return nil }
        return try? JournalCoding.makeDecoder().decode(HolderInfo.self, from: Data(json.utf8))
    }

    /// The advisory-lock key of a case: 64 bits of a hash of survey and case computed by the server.
    static func lockKey(_ connection: PostgresConnection, _ schema: PostgresSurveySchema, _ caseID: String) throws -> Int {
        let rows = try connection.execute("SELECT hashtextextended($1, 0) AS key", [.text("fieldwork/\(schema.name)/\(caseID)")])
        guard let key = rows[0].integer("key") else { throw JournalError.journalClosed(caseID: caseID) }
        return key
    }

    /// The sequence number of the last record (0 if none).
    public var lastSequence: Int {
        mutex.lock()
        defer { mutex.unlock() }
        return lastSeq
    }

    /// Appends one record whose data is `data` encoded as JSON; returns once it is committed.
    @discardableResult
    public func append<Payload: Encodable>(kind: String, at: Date = Date(), data: Payload) throws -> JournalRecord {
        let json: Data
        do { json = try encoder.encode(data) } catch {
            throw JournalError.encodingFailed(kind: kind, reason: String(describing: error))
        }
        return try appendLine(kind: kind, at: at, json: [UInt8](json))
    }

    /// Appends one record whose data is already-encoded JSON (one value, no line breaks).
    @discardableResult
    public func append(kind: String, at: Date = Date(), jsonData: Data) throws -> JournalRecord {
        if jsonData.contains(UInt8(ascii: "\n")) || jsonData.contains(UInt8(ascii: "\r")) {
            throw JournalError.invalidJSONData(reason: "it contains a line break; encode it without pretty-printing")
        }
        guard (try? JSONSerialization.jsonObject(with: jsonData, options: [.fragmentsAllowed])) != nil else {
            throw JournalError.invalidJSONData(reason: "it does not parse as JSON")
        }
        return try appendLine(kind: kind, at: at, json: [UInt8](jsonData))
    }

    /// Appends several records in one transaction, one multi-row INSERT: all of them are committed
    /// when it returns, or none. With `sync` false the transaction commits without waiting for the
    /// server's flush (`synchronous_commit = off` for it alone): for bulk writers of generated data.
    public func appendBatch(_ records: [CaseJournal.PendingRecord], sync: Bool = true) throws {
        guard !records.isEmpty else { return }
        mutex.lock()
        defer { mutex.unlock() }
        guard isOpen else { throw JournalError.journalClosed(caseID: caseID) }
        try resyncIfNeeded()
        var parameters: [PostgresParameter] = []
        var rows: [String] = []
        var seq = lastSeq
        for record in records {
            let json: Data
            do { json = try encoder.encode(record.data) } catch {
                throw JournalError.encodingFailed(kind: record.kind, reason: String(describing: error))
            }
            seq += 1
            let line = try JournalLine.encode(seq: seq, caseID: caseID, at: record.at, kind: record.kind, json: [UInt8](json))
            let n = parameters.count
            rows.append("($\(n + 1), $\(n + 2), $\(n + 3)::timestamptz, $\(n + 4), $\(n + 5), $\(n + 6))")
            parameters += [.text(caseID), .integer(seq), .text(JournalTimestamp.format(record.at)), .text(record.kind), .bytes(line),
                           .text(JournalLine.storedChecksum(of: line) ?? "")]
        }
        do {
            try connection.transaction { db in
                if !sync { try db.execute("SET LOCAL synchronous_commit = off") }
                try db.execute("INSERT INTO \(schema.table("journal_events")) (case_id, seq, at, kind, line, crc) VALUES \(rows.joined(separator: ", "))",
                               parameters)
            }
        } catch let error as PostgresError {
            needsResync = true
            if error.sqlState == PostgresSQLState.uniqueViolation {
                throw PostgresStoreError.sequenceTaken(caseID: caseID, seq: lastSeq + 1)
            }
            throw error
        }
        lastSeq = seq
    }

    /// After an append whose fate is unknown: reconnects if needed (taking the case's lock again)
    /// and reads the last stored sequence number.
    private func resyncIfNeeded() throws {
        guard needsResync else { return }
        if !connection.isConnected {
            // A new session: the case's lock went with the old one, so take it again first.
            try connection.reconnect()
            let key = try Self.lockKey(connection, schema, caseID)
            let locked = try connection.execute("SELECT pg_try_advisory_lock($1) AS locked", [.integer(key)])
            guard locked[0].boolean("locked") == true else {
                throw JournalError.caseLocked(caseID: caseID, holder: try? Self.currentHolder(connection: connection, schema: schema, caseID: caseID))
            }
        }
        lastSeq = try PostgresJournalReader.lastSequence(connection: connection, schema: schema, caseID: caseID)
        needsResync = false
    }

    private func appendLine(kind: String, at: Date, json: [UInt8]) throws -> JournalRecord {
        mutex.lock()
        defer { mutex.unlock() }
        guard isOpen else { throw JournalError.journalClosed(caseID: caseID) }
        try resyncIfNeeded()
        let seq = lastSeq + 1
        let line = try JournalLine.encode(seq: seq, caseID: caseID, at: at, kind: kind, json: json)
        let timestamp = JournalTimestamp.format(at)
        do {
            try connection.execute("""
                INSERT INTO \(schema.table("journal_events")) (case_id, seq, at, kind, line, crc)
                VALUES ($1, $2, $3::timestamptz, $4, $5, $6)
                """, [.text(caseID), .integer(seq), .text(timestamp), .text(kind), .bytes(line),
                      .text(JournalLine.storedChecksum(of: line) ?? "")])
        } catch let error as PostgresError {
            needsResync = true
            if error.sqlState == PostgresSQLState.uniqueViolation {
                throw PostgresStoreError.sequenceTaken(caseID: caseID, seq: seq)
            }
            throw error
        }
        lastSeq = seq
        return JournalRecord(seq: seq, caseID: caseID, at: JournalTimestamp.parse(timestamp) ?? at, kind: kind, data: Data(json), line: 0)
    }

    /// Releases the case. Further appends throw `journalClosed`.
    public func close() {
        mutex.lock()
        defer { mutex.unlock() }
        guard isOpen else { return }
        isOpen = false
        if let key = try? Self.lockKey(connection, schema, caseID),
           (try? connection.execute("SELECT pg_advisory_unlock($1)", [.integer(key)])) != nil {
            whenClosed?(connection)
        }
        whenClosed = nil
    }

    deinit { close() }
}
extension PostgresCaseJournal: JournalWriter {}
