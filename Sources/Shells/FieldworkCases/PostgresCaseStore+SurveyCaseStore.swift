import FieldworkPostgres
import Foundation

/// The whole-survey reads of `SurveyCaseStore` on PostgreSQL: the same rows, in the same order,
/// as `SQLiteCaseStore` gives, from the same columns.
extension PostgresCaseStore: SurveyCaseStore {
    private var table: (String) -> String { { [schemaName] in "\"\(schemaName)\".\($0)" } }

    public func allCaseCalls() throws -> [String: StoredCaseCalls] {
        try database {
            var found: [Int: StoredCaseCalls] = [:]
            for row in try connection.execute("SELECT seq, id, status, final_code, fields FROM \(table("cases"))").rows {
                guard let seq = row.integer("seq"), let id = row.text("id") else { continue }
                found[seq] = StoredCaseCalls(caseID: id, status: CaseStatus(rawValue: row.text("status") ?? "") ?? .fresh,
                                             finalCode: row.text("final_code"), outcomes: [], fields: FieldsJSON.decode(row.text("fields") ?? "{}"))
            }
            for row in try connection.execute("SELECT case_seq, outcome FROM \(table("attempts")) ORDER BY case_seq, number").rows {
                guard let seq = row.integer("case_seq"), let outcome = row.text("outcome") else { continue }
                found[seq]?.outcomes.append(outcome)
            }
            return Dictionary(uniqueKeysWithValues: found.values.map { ($0.caseID, $0) })
        }
    }

    public func caseCalls(id: String) throws -> StoredCaseCalls? {
        try database {
            guard let row = try connection.execute("SELECT seq, id, status, final_code, fields FROM \(table("cases")) WHERE id = $1",
                                                   [.text(id)]).rows.first,
                  let seq = row.integer("seq"), let caseID = row.text("id") else { return nil }
            let outcomes = try connection.execute("SELECT outcome FROM \(table("attempts")) WHERE case_seq = $1 ORDER BY number",
                                                  [.integer(seq)]).rows.compactMap { $0.text("outcome") }
            return StoredCaseCalls(caseID: caseID, status: CaseStatus(rawValue: row.text("status") ?? "") ?? .fresh,
                                   finalCode: row.text("final_code"), outcomes: outcomes, fields: FieldsJSON.decode(row.text("fields") ?? "{}"))
        }
    }

    public func allCalls() throws -> [StoredCall] {
        try database {
            try connection.execute("""
                SELECT c.id, a.at, a.interviewer, a.outcome, a.final_code FROM \(table("attempts")) a JOIN \(table("cases")) c ON c.seq = a.case_seq
                ORDER BY a.at, c.id, a.number
                """).rows.map { row in
                StoredCall(caseID: row.text("id") ?? "", at: Date(timeIntervalSince1970: row.text("at").flatMap(Double.init) ?? 0),
                           interviewer: row.text("interviewer") ?? "", outcome: row.text("outcome") ?? "", finalCode: row.text("final_code"))
            }
        }
    }

    public func exportFields(ids: [String]) throws -> [String: (fields: [String: String], finalCode: String?, weight: Double?)] {
        guard !ids.isEmpty else { return [:] }
        return try database {
            var found: [String: (fields: [String: String], finalCode: String?, weight: Double?)] = [:]
            for row in try connection.execute("""
                SELECT c.id, c.fields, c.final_code, w.weight FROM \(table("cases")) c LEFT JOIN \(table("weights")) w ON w.case_seq = c.seq
                WHERE c.id = ANY($1::text[])
                """, [.text(Self.textArray(ids))]).rows {
                guard let id = row.text("id") else { continue }
                found[id] = (FieldsJSON.decode(row.text("fields") ?? "{}"), row.text("final_code"), row.text("weight").flatMap(Double.init))
            }
            return found
        }
    }

    /// One transaction per call, as `recordAttempt` (each at its own time only with `clock: .caller`).
    public func recordAttempts(_ attempts: [(CallAttemptInput, Date)]) throws -> Int {
        var recorded = 0
        for (attempt, now) in attempts where !attempt.outcome.requiresAppointment {
            do {
                _ = try recordAttempt(attempt, now: now)
                recorded += 1
            } catch CaseStoreError.caseIsFinal {
                continue
            }
        }
        return recorded
    }
}
