import Foundation
import GRDB

/// The reads behind the supervisor's console: each is one short read transaction on the WAL
/// database, so sessions writing at the same time are not blocked.
extension SQLiteCaseStore {
    /// Calls from `from` (inclusive) to `to` (exclusive) counted by interviewer and outcome: one walk
    /// of the `attempts_at` index, nothing per call leaves SQLite.
    public func callOutcomeCounts(from: Date, to: Date) throws -> [String: [String: Int]] {
        try read { db in
            var counts: [String: [String: Int]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT interviewer, outcome, COUNT(*) AS n FROM attempts INDEXED BY attempts_at
                WHERE at >= ? AND at < ? GROUP BY interviewer, outcome
                """, arguments: [from.timeIntervalSince1970, to.timeIntervalSince1970]) {
                counts[row["interviewer"], default: [:]][row["outcome"]] = row["n"]
            }
            return counts
        }
    }

    /// Completes per quota cell against its target, every cell of every rule (cells with a target and
    /// cells with completes), in rule and cell order.
    public func quotaFill() throws -> [SupervisorSnapshot.QuotaCell] {
        guard !rules.quotas.isEmpty else { return [] }
        return try read { db in
            var cells: [SupervisorSnapshot.QuotaCell] = []
            for rule in rules.quotas.sorted(by: { $0.name < $1.name }) {
                var completes: [String: Int] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT cell, completes FROM quota_completes WHERE rule = ?", arguments: [rule.name]) {
                    completes[row["cell"]] = row["completes"]
                }
                for cell in Set(completes.keys).union(rule.targets.keys).sorted() {
                    cells.append(.init(rule: rule.name, cell: cell, completes: completes[cell] ?? 0, target: rule.targets[cell]))
                }
            }
            return cells
        }
    }

    /// Each released case called at or after `since`, with its code now: its final code, or its
    /// interim code while open.
    public func currentCodes(ofCasesCalledSince since: Date) throws -> [String: String] {
        try read { db in
            var codes: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT c.id, COALESCE(c.final_code, c.interim_code) AS code FROM cases c
                WHERE c.released = 1 AND c.seq IN (SELECT DISTINCT case_seq FROM attempts INDEXED BY attempts_at WHERE at >= ?)
                """, arguments: [since.timeIntervalSince1970]) {
                if let code = row["code"] as String? { codes[row["id"]] = code }
            }
            return codes
        }
    }
}
