import FieldworkPostgres
import Foundation

/// Survey weights on PostgreSQL, as `SQLiteCaseStore+Weights`: `weighting_runs` keeps every run's
/// settings and time; `weights` holds the latest run's weight per complete (docs/weighting.md).
extension PostgresCaseStore {
    /// Every complete (final code 1.1) with its sample fields, in import order.
    public func completedCases() throws -> [CompletedCase] {
        try database {
            try connection.execute("SELECT id, fields FROM \(s).cases WHERE final_code = $1 ORDER BY seq",
                                   [.text(SQLiteCaseStore.completeCode)]).rows.map { row in
                CompletedCase(id: row.text("id") ?? "", fields: FieldsJSON.decode(row.text("fields") ?? "{}"))
            }
        }
    }

    /// Records `run` and replaces all stored weights with `weights` (case id → weight), in one
    /// transaction: a reader sees the old weights or the new ones, never a mixture.
    /// Returns the run's id. An id not in the store is refused (`unknownCase`) and nothing is written.
    @discardableResult
    public func storeWeights(_ weights: [String: Double], run: WeightingRun) throws -> Int64 {
        let ids = weights.keys.sorted()
        let idArray = Self.textArray(ids)
        // float8[] literal from Swift's shortest round-trip form of each weight (exact).
        let weightArray = "{" + ids.map { String(weights[$0]!) }.joined(separator: ",") + "}"
        return try transaction(run.at) { db, _ in
            let missing = try db.execute("""
                SELECT u.id FROM unnest($1::text[]) AS u(id) LEFT JOIN \(s).cases c ON c.id = u.id WHERE c.seq IS NULL
                """, [.text(idArray)]).rows.compactMap { $0.text("id") }
            if let first = missing.sorted().first { throw CaseStoreError.unknownCase(first) }
            let inserted = try db.execute("""
                INSERT INTO \(s).weighting_runs (at, margins_file, margins, base_field, cap, tolerance, max_iterations, iterations,
                                                 converged, trim_rounds, trimmed_cases, cases, design_effect)
                VALUES ($1::float8, $2, $3, $4, $5::float8, $6::float8, $7, $8, $9, $10, $11, $12, $13::float8) RETURNING id
                """, [Self.time(run.at.timeIntervalSince1970), .text(run.marginsFile), .text(run.margins.joined(separator: "; ")),
                      Self.optional(run.baseField), run.cap.map { .text(String($0)) } ?? .null, .text(String(run.tolerance)),
                      .integer(run.maxIterations), .integer(run.iterations), .boolean(run.converged), .integer(run.trimRounds),
                      .integer(run.trimmedCases), .integer(run.cases), .text(String(run.designEffect))])
            guard let runID = inserted.rows.first?.integer("id") else {
                throw CaseStoreError.database("\(connection.url.text) (survey \(schemaName)): the weighting run was not given an id")
            }
            try db.execute("DELETE FROM \(s).weights")
            try db.execute("""
                INSERT INTO \(s).weights (case_seq, weight, run_id)
                SELECT c.seq, w.weight, $3 FROM unnest($1::text[], $2::float8[]) AS w(id, weight) JOIN \(s).cases c ON c.id = w.id
                """, [.text(idArray), .text(weightArray), .integer(runID)])
            return Int64(runID)
        }
    }

    /// The latest weighting run, or nil when the survey was never weighted.
    public func latestWeightingRun() throws -> WeightingRun? {
        try database {
            guard let r = try connection.execute("SELECT * FROM \(s).weighting_runs ORDER BY id DESC LIMIT 1").rows.first else { return nil }
            let margins = r.text("margins") ?? ""
            func real(_ column: String) -> Double? { r.text(column).flatMap(Double.init) }
            return WeightingRun(id: r.integer("id").map(Int64.init), at: Date(timeIntervalSince1970: real("at") ?? 0),
                                marginsFile: r.text("margins_file") ?? "",
                                margins: margins.isEmpty ? [] : margins.components(separatedBy: "; "), baseField: r.text("base_field"),
                                cap: real("cap"), tolerance: real("tolerance") ?? 0, maxIterations: r.integer("max_iterations") ?? 0,
                                iterations: r.integer("iterations") ?? 0, converged: r.boolean("converged") ?? false,
                                trimRounds: r.integer("trim_rounds") ?? 0, trimmedCases: r.integer("trimmed_cases") ?? 0,
                                cases: r.integer("cases") ?? 0, designEffect: real("design_effect") ?? 0)
        }
    }

    /// The stored weights, keyed by case id.
    public func storedWeights() throws -> [String: Double] {
        try database {
            var found: [String: Double] = [:]
            for row in try connection.execute("SELECT c.id, w.weight FROM \(s).weights w JOIN \(s).cases c ON c.seq = w.case_seq").rows {
                guard let id = row.text("id"), let weight = row.text("weight").flatMap(Double.init) else { continue }
                found[id] = weight
            }
            return found
        }
    }

    /// Whether any weight is stored (an export then carries the `weight` column).
    public func hasWeights() throws -> Bool {
        try database { try connection.execute("SELECT EXISTS (SELECT 1 FROM \(s).weights) AS present").rows.first?.boolean("present") ?? false }
    }

    /// The stored weights, or nil when the survey was never weighted; a weight that is negative or
    /// not a finite number is an error naming the case, as on SQLite.
    public func caseWeights() throws -> CaseWeights? {
        try database {
            var byCase: [String: Double] = [:]
            for row in try connection.execute("SELECT c.id, w.weight FROM \(s).weights w JOIN \(s).cases c ON c.seq = w.case_seq").rows {
                let id = row.text("id") ?? ""
                guard let weight = row.text("weight").flatMap(Double.init), weight.isFinite, weight >= 0 else {
                    throw CaseStoreError.database("\(connection.url.text) (survey \(schemaName)): the weights give case \(id) the weight "
                        + "\(row.text("weight") ?? "NULL"); a weight must be a number 0 or more (run fieldwork weight again)")
                }
                byCase[id] = weight
            }
            return byCase.isEmpty ? nil : CaseWeights(byCase: byCase)
        }
    }

    /// A `text[]` literal of `values`, each quoted, so any text arrives exactly.
    static func textArray(_ values: [String]) -> String {
        "{" + values.map { "\"\($0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\"" }
            .joined(separator: ",") + "}"
    }
}
