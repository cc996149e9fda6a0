import Foundation
import GRDB

/// The call history: every call of every case, one row per call, in time order (ties by case and
/// call number), filtered in SQL by time, interviewer and outcome.
extension SQLiteCaseStore {
    public func callHistory(_ filter: CallHistoryFilter) throws -> [CallHistoryRow] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let from = filter.from { conditions.append("a.at >= ?"); arguments += [from.timeIntervalSince1970] }
        if let to = filter.to { conditions.append("a.at < ?"); arguments += [to.timeIntervalSince1970] }
        if !filter.interviewers.isEmpty {
            let names = filter.interviewers.sorted()
            conditions.append("a.interviewer IN (\(Array(repeating: "?", count: names.count).joined(separator: ",")))")
            arguments += StatementArguments(names)
        }
        if !filter.outcomes.isEmpty {
            let codes = filter.outcomes.map(\.rawValue).sorted()
            conditions.append("a.outcome IN (\(Array(repeating: "?", count: codes.count).joined(separator: ",")))")
            arguments += StatementArguments(codes)
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        return try read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.id, c.replicate, a.* FROM attempts a JOIN cases c ON c.seq = a.case_seq
                \(whereClause) ORDER BY a.at, c.id, a.number
                """, arguments: arguments).map { r in
                CallHistoryRow(caseID: r["id"], number: r["number"], at: Date(timeIntervalSince1970: r["at"]),
                               interviewer: r["interviewer"], outcome: r["outcome"], note: r["note"], partOfDay: r["part_of_day"],
                               resultingStatus: r["resulting_status"], finalCode: r["final_code"],
                               dispositionRule: r["disposition_rule"], replicate: r["replicate"])
            }
        }
    }
}
