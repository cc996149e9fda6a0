import Foundation

/// Case-store records for the cases of an export, fetched a window at a time in the export's
/// order: one batch query per few hundred cases instead of several queries per case, with memory
/// bounded by two windows. Nothing is kept beyond them, so records are as fresh as a per-case
/// lookup made moments later.
///
/// Windows are aligned blocks of `size` positions, and the block before the current one is kept
/// too: the export's workers ask for nearby positions slightly out of order, and a case just
/// behind a block boundary must not fetch its block again. Safe to use from several threads (a
/// lock guards the blocks; a fetch happens under it, so one block is fetched once).
final class CaseRecordWindow: @unchecked Sendable {
    private let lookup: CaseRecordLookup
    private let caseIDs: [String]
    private let size: Int
    private let lock = NSLock()
    /// Block number → its records; at most two blocks.
    private var blocks: [Int: [String: CaseRecord]] = [:]

    init(lookup: CaseRecordLookup, caseIDs: [String], size: Int = 256) {
        self.lookup = lookup
        self.caseIDs = caseIDs
        self.size = max(1, size)
    }

    /// The record of the case at `position` in `caseIDs`.
    func record(at position: Int) throws -> CaseRecord? {
        let block = position / size
        lock.lock()
        defer { lock.unlock() }
        if let records = blocks[block] { return records[caseIDs[position]] }
        let start = block * size
        // A block is kept only once its records are in hand: a failed fetch is retried, never
        // mistaken for cases missing from the store.
        let records = try lookup.records(caseIDs: Array(caseIDs[start..<min(caseIDs.count, start + size)]))
        blocks = blocks.filter { $0.key == block - 1 }
        blocks[block] = records
        return records[caseIDs[position]]
    }
}
