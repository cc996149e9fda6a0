import FieldworkPostgres
import Foundation

/// The call history, interviewer states and the console's reads on PostgreSQL, with the same
/// results as `SQLiteCaseStore+CallHistory`, `+InterviewerStates` and `+Supervision`.
extension PostgresCaseStore {
    public func callHistory(_ filter: CallHistoryFilter) throws -> [CallHistoryRow] {
        var conditions: [String] = []
        var parameters: [PostgresParameter] = []
        func next(_ value: PostgresParameter) -> String { parameters.append(value); return "$\(parameters.count)" }
        if let from = filter.from { conditions.append("a.at >= \(next(Self.time(from.timeIntervalSince1970)))::float8") }
        if let to = filter.to { conditions.append("a.at < \(next(Self.time(to.timeIntervalSince1970)))::float8") }
        if !filter.interviewers.isEmpty {
            conditions.append("a.interviewer IN (\(filter.interviewers.sorted().map { next(.text($0)) }.joined(separator: ",")))")
        }
        if !filter.outcomes.isEmpty {
            conditions.append("a.outcome IN (\(filter.outcomes.map(\.rawValue).sorted().map { next(.text($0)) }.joined(separator: ",")))")
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try transaction(Date()) { db, _ in
            // Case ids sort byte by byte (COLLATE "C"), as SQLite's BINARY collation does.
            try db.execute("""
                SELECT c.id, c.replicate, a.* FROM \(s).attempts a JOIN \(s).cases c ON c.seq = a.case_seq
                \(whereClause) ORDER BY a.at, c.id COLLATE "C", a.number
                """, parameters).rows.map { r in
                CallHistoryRow(caseID: r.text("id") ?? "", number: r.integer("number") ?? 0, at: Self.date(r, "at"),
                               interviewer: r.text("interviewer") ?? "", outcome: r.text("outcome") ?? "", note: r.text("note") ?? "",
                               partOfDay: r.text("part_of_day") ?? "", resultingStatus: r.text("resulting_status") ?? "",
                               finalCode: r.text("final_code"), dispositionRule: r.text("disposition_rule"),
                               replicate: r.integer("replicate"))
            }
        }
    }

    public func callOutcomeCounts(from: Date, to: Date) throws -> [String: [String: Int]] {
        try transaction(Date()) { db, _ in
            var counts: [String: [String: Int]] = [:]
            for r in try db.execute("""
                SELECT interviewer, outcome, COUNT(*) AS n FROM \(s).attempts WHERE at >= $1::float8 AND at < $2::float8
                GROUP BY interviewer, outcome
                """, [Self.time(from.timeIntervalSince1970), Self.time(to.timeIntervalSince1970)]).rows {
                counts[r.text("interviewer") ?? "", default: [:]][r.text("outcome") ?? ""] = r.integer("n") ?? 0
            }
            return counts
        }
    }

    public func currentCodes(ofCasesCalledSince since: Date) throws -> [String: String] {
        try transaction(Date()) { db, _ in
            var codes: [String: String] = [:]
            for r in try db.execute("""
                SELECT c.id, COALESCE(c.final_code, c.interim_code) AS code FROM \(s).cases c
                WHERE c.released AND c.seq IN (SELECT DISTINCT case_seq FROM \(s).attempts WHERE at >= $1::float8)
                """, [Self.time(since.timeIntervalSince1970)]).rows {
                if let code = r.text("code") { codes[r.text("id") ?? ""] = code }
            }
            return codes
        }
    }

    public func recordInterviewerState(_ change: InterviewerStateChange) throws {
        let interviewer = try checkedInterviewer(change.interviewer)
        try transaction(change.at) { db, _ in
            try db.execute("""
                INSERT INTO \(s).interviewer_states (interviewer, state, at, case_id, session) VALUES ($1, $2, $3::float8, $4, $5)
                """, [.text(interviewer), .text(change.state.rawValue), Self.time(change.at.timeIntervalSince1970),
                      Self.optional(change.caseID), .text(change.session)])
        }
    }

    public func interviewerStateChanges(since: Date) throws -> [InterviewerStateChange] {
        try transaction(since) { db, _ in
            try db.execute("""
                SELECT * FROM \(s).interviewer_states WHERE id IN (
                    SELECT MAX(id) FROM \(s).interviewer_states WHERE at < $1::float8 GROUP BY interviewer)
                UNION ALL
                SELECT * FROM \(s).interviewer_states WHERE at >= $1::float8
                ORDER BY at, id
                """, [Self.time(since.timeIntervalSince1970)]).rows.map { r in
                InterviewerStateChange(interviewer: r.text("interviewer") ?? "",
                                       state: r.text("state").flatMap(InterviewerState.init(rawValue:)) ?? .waiting,
                                       at: Self.date(r, "at"), caseID: r.text("case_id"), session: r.text("session") ?? "")
            }
        }
    }
}
