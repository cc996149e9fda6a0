import Foundation

/// What the interview recorder needs from a case's journal, whichever store keeps it: a file per
/// case (`CaseJournal`) or a table on PostgreSQL (`PostgresCaseJournal` in FieldworkPostgresStore).
/// Both write the same lines, one writer per case, and return from `append` only once the record
/// is durable; when `append` throws, the record is not recorded.
public protocol JournalWriter: AnyObject, Sendable {
    /// What was in the journal when it was opened (the records to replay to resume the case).
    var existing: JournalReadResult { get }
    /// The sequence number of the last record (0 if none).
    var lastSequence: Int { get }
    /// Appends one record whose data is `data` encoded as JSON; returns once it is durable.
    @discardableResult
    func append<Payload: Encodable>(kind: String, at: Date, data: Payload) throws -> JournalRecord
    /// Appends one record whose data is already-encoded JSON (one value, no line breaks).
    @discardableResult
    func append(kind: String, at: Date, jsonData: Data) throws -> JournalRecord
    /// Appends several records at once (one write, or one transaction): all or, when it throws,
    /// none of them acknowledged. With `sync` false a bulk writer of generated data (simulation)
    /// may leave durability to a flush at the end.
    func appendBatch(_ records: [CaseJournal.PendingRecord], sync: Bool) throws
    /// Releases the case; further appends throw.
    func close()
}

extension CaseJournal: JournalWriter {}
