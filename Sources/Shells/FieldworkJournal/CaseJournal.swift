import FieldworkBasics
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The only writer of a case's response data: an exclusive, append-only, durable journal.
///
/// - Exclusive: opening takes a non-blocking `flock` on the case's lock file. The kernel drops it
///   when the process dies, so a crashed session never blocks the case; a live one makes the next
///   `open` fail with `JournalError.caseLocked` naming the holder.
/// - Append-only: the file is opened `O_APPEND` and never truncated, rewritten or deleted.
/// - Durable before acknowledged: `append` returns only after the whole line is written and
///   `fdatasync` has succeeded. If it throws, the record must be treated as not recorded.
///
/// A torn last line left by a crash (or by a failed write) is closed off with a newline before
/// the next record, so a new record never glues onto a broken one.
///
/// Appends are serialised internally, so one journal may be shared between tasks.
public final class CaseJournal: @unchecked Sendable {
    public let caseID: CaseID
    /// The journal file.
    public let fileURL: URL
    /// What was in the journal when it was opened: the records to replay to resume the case, and
    /// any problems found (a torn tail from a crash, for example).
    public let existing: JournalReadResult

    private let mutex = NSLock()
    private var fd: Int32
    private var lock: FileLock?
    private var lastSeq: Int
    /// Set when a write or sync failed: the tail of the file is in an unknown state and must be
    /// re-read before the next append.
    private var needsResync = false
    private let encoder = JournalCoding.makeEncoder()

    private init(caseID: CaseID, fileURL: URL, fd: Int32, lock: FileLock, existing: JournalReadResult) {
        self.caseID = caseID
        self.fileURL = fileURL
        self.fd = fd
        self.lock = lock
        self.existing = existing
        self.lastSeq = existing.lastSequence
    }

    /// Opens (creating if needed) the journal of `caseID` for writing, on behalf of `holder`.
    /// Throws `JournalError.caseLocked` when the case is already open elsewhere.
    public static func open(directory: SurveyDirectory, caseID: CaseID, holder: HolderInfo) throws -> CaseJournal {
        let shardPath = directory.shardURL(for: caseID).path
        let shardExisted = PosixFile.isDirectory(shardPath)
        try PosixFile.makeDirectory(shardPath)
        if !shardExisted { try PosixFile.syncDirectory(directory.journalsURL.path) }

        let lockPath = directory.lockURL(for: caseID).path
        guard let lock = try FileLock.tryAcquire(lockPath) else {
            throw JournalError.caseLocked(caseID: caseID.rawValue, holder: readHolder(lockPath))
        }
        do {
            if let info = try? JournalCoding.makeEncoder().encode(holder) {
                lock.writeContents([UInt8](info) + [UInt8(ascii: "\n")])
            }
            let url = directory.journalURL(for: caseID)
            let path = url.path
            let created = !PosixFile.exists(path)
            let fd = try PosixFile.openFile(path, flags: O_RDWR | O_APPEND | O_CREAT, operation: "open journal")
            do {
                if created { try PosixFile.syncDirectory(shardPath) }
                let bytes = try PosixFile.readAll(fd: fd, path: path)
                let existing = JournalReader.read(bytes: bytes, expectedCaseID: caseID.rawValue)
                if !existing.endsWithNewline { try closeTornTail(fd: fd, path: path) }
                return CaseJournal(caseID: caseID, fileURL: url, fd: fd, lock: lock, existing: existing)
            } catch {
                PosixFile.closeDescriptor(fd)
                throw error
            }
        } catch {
            lock.release()
            throw error
        }
    }

    /// The sequence number of the last record in the journal (0 if none).
    public var lastSequence: Int {
        mutex.lock()
        defer { mutex.unlock() }
        return lastSeq
    }

    /// Appends one record whose data is `data` encoded as JSON (`JournalCoding.makeEncoder()`), and
    /// returns once it is on disk. If this throws, the record is not recorded: tell the interviewer.
    /// (A `Data` value passed here is encoded as a base64 string; for pre-encoded JSON use
    /// `append(kind:at:jsonData:)`.)
    @discardableResult
    public func append<Payload: Encodable>(kind: String, at: Date = Date(), data: Payload) throws -> JournalRecord {
        let json: Data
        do {
            json = try encoder.encode(data)
        } catch {
            throw JournalError.encodingFailed(kind: kind, reason: SurveyDirectory.describe(error))
        }
        return try appendLine(kind: kind, at: at, json: [UInt8](json))
    }

    /// Appends one record whose data is already-encoded JSON (one value, no line breaks).
    @discardableResult
    public func append(kind: String, at: Date = Date(), jsonData: Data) throws -> JournalRecord {
        if jsonData.contains(RecordLine.newline) || jsonData.contains(UInt8(ascii: "\r")) {
            throw JournalError.invalidJSONData(reason: "it contains a line break; encode it without pretty-printing")
        }
        guard jsonData.withUnsafeBytes({ RecordLine.isValidJSON($0.bindMemory(to: UInt8.self)) }) else {
            throw JournalError.invalidJSONData(reason: "it does not parse as JSON")
        }
        return try appendLine(kind: kind, at: at, json: [UInt8](jsonData))
    }

    private func appendLine(kind: String, at: Date, json: [UInt8]) throws -> JournalRecord {
        guard RecordLine.isValidKind(kind) else { throw JournalError.invalidKind(kind) }
        let timestamp = JournalTimestamp.format(at)
        guard timestamp.utf8.count == 24, let storedAt = JournalTimestamp.parse(timestamp) else {
            throw JournalError.encodingFailed(kind: kind, reason: "the time \(at) is outside years 0000–9999")
        }
        mutex.lock()
        defer { mutex.unlock() }
        guard fd >= 0 else { throw JournalError.journalClosed(caseID: caseID.rawValue) }
        let path = fileURL.path
        if needsResync {
            let bytes = try PosixFile.readAll(fd: fd, path: path)
            let current = JournalReader.read(bytes: bytes, expectedCaseID: caseID.rawValue)
            if !current.endsWithNewline { try Self.closeTornTail(fd: fd, path: path) }
            lastSeq = current.lastSequence
            needsResync = false
        }
        let seq = lastSeq + 1
        let line = RecordLine.encode(seq: seq, caseID: caseID.rawValue, at: timestamp, kind: kind, data: json)
        try Self.checkLength(line, kind: kind, limit: maximumLineBytes)
        let (written, writeError) = PosixFile.writeAll(fd, line)
        if let writeError {
            if written > 0 { needsResync = true }
            throw PosixFile.fail("append to journal", path, writeError)
        }
        if let syncError = PosixFile.dataSync(fd) {
            // The line may or may not reach the disk; re-read before numbering the next record.
            needsResync = true
            throw PosixFile.fail("flush journal to disk", path, syncError)
        }
        lastSeq = seq
        return JournalRecord(seq: seq, caseID: caseID.rawValue, at: storedAt, kind: kind, data: Data(json), line: 0)
    }

    /// The longest line (newline excluded) this journal writes: the readers' limit; lowered only by tests.
    var maximumLineBytes = InputLimits.journalLineBytes

    /// Refuses a line (newline included) the readers would skip as longer than `limit`.
    static func checkLength(_ line: [UInt8], kind: String, limit: Int) throws {
        if line.count - 1 > limit { throw JournalError.recordTooLong(kind: kind, bytes: line.count - 1, limit: limit) }
    }

    /// One record of a batch.
    public struct PendingRecord {
        public var kind: String
        public var at: Date
        public var data: any Encodable
        public init(kind: String, at: Date, data: any Encodable) {
            self.kind = kind
            self.at = at
            self.data = data
        }
    }

    /// Appends several records with one write. With `sync` they are on disk when it returns; bulk
    /// writers of generated data (simulation) may skip the sync and flush once at the end.
    public func appendBatch(_ records: [PendingRecord], sync: Bool = true) throws {
        mutex.lock()
        defer { mutex.unlock() }
        guard fd >= 0 else { throw JournalError.journalClosed(caseID: caseID.rawValue) }
        var bytes: [UInt8] = []
        var seq = lastSeq
        for r in records {
            guard RecordLine.isValidKind(r.kind) else { throw JournalError.invalidKind(r.kind) }
            let json: Data
            do { json = try encoder.encode(r.data) } catch {
                throw JournalError.encodingFailed(kind: r.kind, reason: SurveyDirectory.describe(error))
            }
            seq += 1
            let line = RecordLine.encode(seq: seq, caseID: caseID.rawValue, at: JournalTimestamp.format(r.at), kind: r.kind, data: [UInt8](json))
            try Self.checkLength(line, kind: r.kind, limit: maximumLineBytes)
            bytes += line
        }
        let path = fileURL.path
        let (written, writeError) = PosixFile.writeAll(fd, bytes)
        if let writeError {
            if written > 0 { needsResync = true }
            throw PosixFile.fail("append to journal", path, writeError)
        }
        if sync, let syncError = PosixFile.dataSync(fd) {
            needsResync = true
            throw PosixFile.fail("flush journal to disk", path, syncError)
        }
        lastSeq = seq
    }

    /// Releases the case. Further appends throw `journalClosed`.
    public func close() {
        mutex.lock()
        defer { mutex.unlock() }
        if fd >= 0 {
            PosixFile.closeDescriptor(fd)
            fd = -1
        }
        // Clear the holder details so they cannot be mistaken for a live holder's, then unlock.
        lock?.writeContents([])
        lock?.release()
        lock = nil
    }

    deinit { close() }

    /// Ends a torn last line with a newline (made durable) so the next record starts on its own line.
    private static func closeTornTail(fd: Int32, path: String) throws {
        let (_, writeError) = PosixFile.writeAll(fd, [RecordLine.newline])
        if let code = writeError ?? PosixFile.dataSync(fd) {
            throw PosixFile.fail("repair the torn end of", path, code)
        }
    }

    /// The holder details in a lock file, retrying briefly in case the holder is still writing them.
    /// Who has the case's journal open right now, or nil when nobody does (or the holder wrote no
    /// details). Reads only: the lock is taken for a moment and given back when it is free.
    public static func currentHolder(directory: SurveyDirectory, caseID: CaseID) -> HolderInfo? {
        let lockPath = directory.lockURL(for: caseID).path
        guard PosixFile.exists(lockPath) else { return nil }
        if let lock = try? FileLock.tryAcquire(lockPath) {
            lock.release()
            return nil
        }
        return readHolder(lockPath)
    }

    private static func readHolder(_ lockPath: String) -> HolderInfo? {
        let decoder = JournalCoding.makeDecoder()
        for attempt in 0..<5 {
            if let bytes = try? PosixFile.readAll(lockPath), !bytes.isEmpty,
               let holder = try? decoder.decode(HolderInfo.self, from: Data(bytes)) {
                return holder
            }
            if attempt < 4 { usleep(20_000) }
        }
        return nil
    }
}
