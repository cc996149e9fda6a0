/// Case-store records for the cases of an export, fetched a window at a time in the export's
/// order: one batch query per few hundred cases instead of several queries per case, with memory
/// bounded by the window. Nothing is kept beyond the window, so records are as fresh as a
/// per-case lookup made moments later.
///
/// A class used by one thread at a time (the journal reader of an export), hence unchecked.
final class CaseRecordWindow: @unchecked Sendable {
    private let lookup: CaseRecordLookup
    private let caseIDs: [String]
    private let size: Int
    private var window: Range<Int> = 0..<0
    private var records: [String: CaseRecord] = [:]

    init(lookup: CaseRecordLookup, caseIDs: [String], size: Int = 256) {
        self.lookup = lookup
        self.caseIDs = caseIDs
        self.size = max(1, size)
    }

    /// The record of the case at `position` in `caseIDs`.
    func record(at position: Int) throws -> CaseRecord? {
        if !window.contains(position) {
            let next = position..<min(caseIDs.count, position + size)
            records = [:]
            window = 0..<0
            // The window moves only once its records are in hand: a failed fetch is retried,
            // never mistaken for cases missing from the store.
            records = try lookup.records(caseIDs: Array(caseIDs[next]))
            window = next
        }
        return records[caseIDs[position]]
    }
}
