import Foundation
import GRDB

/// Preload values in the case store (`fieldwork cases preload`): per case and preload name, the
/// value from an earlier wave, with the file it came from.
extension SQLiteCaseStore {
    /// Whether a case with exactly this id is stored.
    public func containsCase(id: String) throws -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS(SELECT 1 FROM cases WHERE id = ?)", arguments: [id]) ?? false }
    }

    /// Stores `preload` in one transaction: for every row's case and every name the file supplied, the
    /// value replaces any earlier one, and an empty cell removes it. A case missing from the store
    /// (removed since the file was checked) fails the whole load (`unknownCase`) and nothing is kept.
    /// Returns how many cases got values.
    @discardableResult
    public func storePreload(_ preload: ParsedPreload, now: Date) throws -> Int {
        try write { db in
            let seqOf = try db.makeStatement(sql: "SELECT seq FROM cases WHERE id = ?")
            let upsert = try db.makeStatement(sql: """
                INSERT INTO preload_values (case_seq, name, value, source, loaded_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (case_seq, name) DO UPDATE SET value = excluded.value, source = excluded.source, loaded_at = excluded.loaded_at
                """)
            let remove = try db.makeStatement(sql: "DELETE FROM preload_values WHERE case_seq = ? AND name = ?")
            for row in preload.rows {
                guard let seq = try Int64.fetchOne(seqOf, arguments: [row.caseID]) else { throw CaseStoreError.unknownCase(row.caseID) }
                for name in preload.names {
                    if let value = row.values[name] {
                        try upsert.execute(arguments: [seq, name, value, preload.source, now.timeIntervalSince1970])
                    } else {
                        try remove.execute(arguments: [seq, name])
                    }
                }
            }
            return preload.rows.count
        }
    }

    /// A case's preload values by name; empty when it has none (or no such case).
    public func preloadValues(caseID: String) throws -> [String: String] {
        try read { db in
            guard let seq = try Int64.fetchOne(db, sql: "SELECT seq FROM cases WHERE id = ?", arguments: [caseID]) else { return [:] }
            return try Self.preloadValues(db, caseSeq: seq)
        }
    }

    /// Preload values of each of `ids` that has any, by case id then name: for replaying
    /// interviews whose routes read `preload.name` (the export).
    public func preloadValues(ids: [String]) throws -> [String: [String: String]] {
        guard !ids.isEmpty else { return [:] }
        return try read { db in
            var out: [String: [String: String]] = [:]
            // SQLite limits bound parameters per statement; ask in slices.
            var start = 0
            while start < ids.count {
                let slice = ids[start..<min(ids.count, start + 500)]
                start += slice.count
                let marks = Array(repeating: "?", count: slice.count).joined(separator: ", ")
                for row in try Row.fetchAll(db, sql: """
                    SELECT c.id, p.name, p.value FROM preload_values p JOIN cases c ON c.seq = p.case_seq WHERE c.id IN (\(marks))
                    """, arguments: StatementArguments(Array(slice))) {
                    out[row["id"], default: [:]][row["name"]] = row["value"]
                }
            }
            return out
        }
    }

    static func preloadValues(_ db: Database, caseSeq: Int64) throws -> [String: String] {
        var out: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT name, value FROM preload_values WHERE case_seq = ?", arguments: [caseSeq]) {
            out[row["name"]] = row["value"]
        }
        return out
    }
}
