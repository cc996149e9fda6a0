import FieldworkJournal
import FieldworkPostgres
import Foundation

/// A survey's journals on PostgreSQL seen as a `JournalStore`: what `SurveyStores` hands the
/// commands for a survey whose `store.json` names a server.
///
/// - Writers get a connection each (`PostgresCaseJournal` uses its connection alone and holds the
///   case's advisory lock on it).
/// - Readers share one connection, opened on first use. Readers go through the cases in order
///   (exports, reports, the dashboard), so a journal asked for brings the next ones with it: one
///   query fetches `batchSize` cases' journals (each concatenated by the server in sequence order,
///   the bytes of its file), instead of one round trip per case. A journal is handed out once
///   from that batch and then forgotten, so memory holds a batch, not the survey.
public final class PostgresJournalStore: JournalStore, @unchecked Sendable {
    public let url: PostgresURL
    public let schema: PostgresSurveySchema
    /// How many cases' journals one read fetches.
    public let batchSize: Int

    private let mutex = NSLock()
    private var reader: PostgresConnection?
    private var sortedIDs: [String]?
    private var prefetched: [String: [UInt8]] = [:]

    public init(url: PostgresURL, schema: PostgresSurveySchema, batchSize: Int = 256) {
        self.url = url
        self.schema = schema
        self.batchSize = batchSize
    }

    public var journalLocation: String { "\(url.text) (schema \(schema.name))" }

    /// The shared reading connection, reopened when the server or the network dropped it (reads are
    /// safe to repeat; the read that met the drop has already said so to its caller).
    private func connection() throws -> PostgresConnection {
        if let reader {
            if !reader.isConnected { try reader.reconnect() }
            return reader
        }
        let opened = try PostgresConnection(url: url)
        reader = opened
        return opened
    }

    public func journalCaseIDs() throws -> [String] {
        mutex.lock()
        defer { mutex.unlock() }
        let ids = try PostgresJournalReader.caseIDs(connection: connection(), schema: schema)
        sortedIDs = ids
        return ids
    }

    public func journalBytes(caseID: String) throws -> [UInt8] {
        mutex.lock()
        defer { mutex.unlock() }
        if let bytes = prefetched.removeValue(forKey: caseID) { return bytes }
        if batchSize <= 1 {  // case by case: no listing, nothing fetched ahead
            return try Self.journals(of: [caseID], connection: connection(), schema: schema)[caseID] ?? []
        }
        let ids = try sortedIDs ?? PostgresJournalReader.caseIDs(connection: connection(), schema: schema)
        sortedIDs = ids
        // This case and the ones after it in case order (a case not listed is read alone).
        var batch = [caseID]
        if let start = Self.index(of: caseID, in: ids) {
            batch = Array(ids[start..<min(ids.count, start + batchSize)])
        }
        let fetched = try Self.journals(of: batch, connection: connection(), schema: schema)
        for id in batch where id != caseID {
            if let bytes = fetched[id] { prefetched[id] = bytes }
        }
        return fetched[caseID] ?? []
    }

    /// Binary search in the sorted ids.
    private static func index(of id: String, in ids: [String]) -> Int? {
        var low = 0, high = ids.count
        while low < high {
            let mid = (low + high) / 2
            if ids[mid] < id { low = mid + 1 } else { high = mid }
        }
        return low < ids.count && ids[low] == id ? low : nil
    }

    /// The journals of `caseIDs`, each its rows' lines concatenated in sequence order.
    static func journals(of caseIDs: [String], connection: PostgresConnection, schema: PostgresSurveySchema) throws -> [String: [UInt8]] {
        // Case ids are letters, digits and . _ - (the table's CHECK), so a quoted array literal is exact.
        let literal = "{" + caseIDs.map { "\"\($0)\"" }.joined(separator: ",") + "}"
        // Binary results: the journal's bytes as stored, not as hex text.
        let rows = try connection.executeReturningBytes("""
            SELECT case_id, string_agg(line, ''::bytea ORDER BY seq) AS journal
            FROM \(schema.table("journal_events")) WHERE case_id = ANY($1::text[]) GROUP BY case_id
            """, [.text(literal)])
        var out: [String: [UInt8]] = [:]
        for row in rows where row.count == 2 {
            if let id = row[0], let bytes = row[1] { out[String(decoding: id, as: UTF8.self)] = bytes }
        }
        return out
    }

    /// Connections of closed journals, kept for the next journal opened (a simulation writes
    /// thousands of journals one after the other; connecting for each would cost more than writing).
    private var idleWriters: [PostgresConnection] = []

    public func openJournal(caseID: CaseID, holder: HolderInfo) throws -> any JournalWriter {
        mutex.lock()
        let reused = idleWriters.popLast()
        mutex.unlock()
        // An idle connection may have been dropped by the server since (a restart, the network):
        // then the journal is opened again on a new one, and a real refusal (a lock) is met there too.
        if let reused, let journal = try? open(caseID: caseID, holder: holder, on: reused) { return journal }
        return try open(caseID: caseID, holder: holder, on: PostgresConnection(url: url))
    }

    private func open(caseID: CaseID, holder: HolderInfo, on session: PostgresConnection) throws -> PostgresCaseJournal {
        let journal = try PostgresCaseJournal.open(connection: session, schema: schema, caseID: caseID.rawValue, holder: holder)
        journal.whenClosed = { [weak self] connection in
            guard let self, connection.isConnected else { return }
            self.mutex.lock()
            if self.idleWriters.count < 4 { self.idleWriters.append(connection) }
            self.mutex.unlock()
        }
        return journal
    }

    public func currentHolder(caseID: CaseID) -> HolderInfo? {
        mutex.lock()
        defer { mutex.unlock() }
        guard let connection = try? connection() else { return nil }
        return try? PostgresCaseJournal.currentHolder(connection: connection, schema: schema, caseID: caseID.rawValue)
    }

    public func checkJournals() throws -> [SurveyVerification.Journal] {
        mutex.lock()
        defer { mutex.unlock() }
        return try PostgresJournalReader.verifyAll(connection: connection(), schema: schema).map { caseID, result in
            SurveyVerification.Journal(caseID: caseID, place: "\(schema.name).journal_events, case \(caseID)", read: result)
        }
    }
}
