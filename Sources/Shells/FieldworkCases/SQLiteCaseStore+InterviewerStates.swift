import Foundation
import GRDB

/// Interviewer states: appended by sessions at each real change, read by the supervisor's console.
extension SQLiteCaseStore {
    /// Appends one state change (a single short write transaction).
    public func recordInterviewerState(_ change: InterviewerStateChange) throws {
        let interviewer = try checkedInterviewer(change.interviewer)
        try write { db in
            try db.execute(sql: "INSERT INTO interviewer_states (interviewer, state, at, case_id, session) VALUES (?, ?, ?, ?, ?)",
                           arguments: [interviewer, change.state.rawValue, change.at.timeIntervalSince1970, change.caseID, change.session])
        }
    }

    /// State changes at or after `since`, oldest first, plus each interviewer's last change before
    /// it (so someone signed in yesterday and still working shows), one seek per index.
    public func interviewerStateChanges(since: Date) throws -> [InterviewerStateChange] {
        let t = since.timeIntervalSince1970
        return try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM interviewer_states WHERE id IN (
                    SELECT MAX(id) FROM interviewer_states WHERE at < ?1 GROUP BY interviewer)
                UNION ALL
                SELECT * FROM interviewer_states WHERE at >= ?1
                ORDER BY at, id
                """, arguments: [t])
            return rows.map { r in
                InterviewerStateChange(interviewer: r["interviewer"], state: InterviewerState(rawValue: r["state"]) ?? .waiting,
                                       at: Date(timeIntervalSince1970: r["at"]), caseID: r["case_id"], session: r["session"])
            }
        }
    }
}
