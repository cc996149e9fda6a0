import Foundation
import GRDB

/// The reads behind the supervisor's console: each is one short read transaction on the WAL
/// database, so sessions writing at the same time are not blocked.
extension SQLiteCaseStore {
    /// The console's figures at `now` (see `SupervisorSnapshot`).
    public func supervisorSnapshot(now: Date) throws -> SupervisorSnapshot {
        let dayStart = rules.day(containing: now).start
        let states = try interviewerStateChanges(since: dayStart)
        let calls = try callHistory(CallHistoryFilter(from: dayStart, to: now.addingTimeInterval(1)))
        let codes = try currentCodes(ofCasesCalledSince: dayStart)
        let counts = try statusCounts(now: now)
        var cells: [SupervisorSnapshot.QuotaCell] = []
        for (rule, ruleCells) in counts.quotaCells.sorted(by: { $0.key < $1.key }) {
            for (cell, value) in ruleCells.sorted(by: { $0.key < $1.key }) {
                cells.append(.init(rule: rule, cell: cell, completes: value.completes, target: value.target))
            }
        }
        let appointments = try appointmentListings(now: now, includeLater: true)
        return SupervisorSnapshot.make(now: now, dayStart: dayStart, states: states, calls: calls, codeOfCase: codes,
                                       quotaCells: cells, appointments: appointments)
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
