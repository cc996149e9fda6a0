import Foundation
import GRDB

/// Survey weights in the case store (docs/weighting.md): `weighting_runs` keeps every run's settings
/// and time; `weights` holds the latest run's weight per complete.
extension SQLiteCaseStore {
    /// The final code of a complete interview, the cases weighting works on.
    public static let completeCode = "1.1"

    /// Every complete (final code 1.1) with its sample fields, in import order.
    public func completedCases() throws -> [CompletedCase] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, fields FROM cases WHERE final_code = ? ORDER BY seq", arguments: [Self.completeCode])
                .map { CompletedCase(id: $0["id"], fields: FieldsJSON.decode($0["fields"])) }
        }
    }

    /// Records `run` and replaces all stored weights with `weights` (case id → weight), in one
    /// transaction: a reader sees the old weights or the new ones, never a mixture.
    /// Returns the run's id. An id not in the store is refused (`unknownCase`).
    @discardableResult
    public func storeWeights(_ weights: [String: Double], run: WeightingRun) throws -> Int64 {
        try write { db in
            try db.execute(sql: """
                INSERT INTO weighting_runs (at, margins_file, margins, base_field, cap, tolerance, max_iterations, iterations,
                                            converged, trim_rounds, trimmed_cases, cases, design_effect)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [run.at.timeIntervalSince1970, run.marginsFile, run.margins.joined(separator: "; "), run.baseField,
                                 run.cap, run.tolerance, run.maxIterations, run.iterations, run.converged, run.trimRounds,
                                 run.trimmedCases, run.cases, run.designEffect])
            let runID = db.lastInsertedRowID
            try db.execute(sql: "DELETE FROM weights")
            let seqOf = try db.makeStatement(sql: "SELECT seq FROM cases WHERE id = ?")
            let insert = try db.makeStatement(sql: "INSERT INTO weights (case_seq, weight, run_id) VALUES (?, ?, ?)")
            for (id, weight) in weights.sorted(by: { $0.key < $1.key }) {
                guard let seq = try Int64.fetchOne(seqOf, arguments: [id]) else { throw CaseStoreError.unknownCase(id) }
                try insert.execute(arguments: [seq, weight, runID])
            }
            return runID
        }
    }

    /// The latest weighting run, or nil when the survey was never weighted.
    public func latestWeightingRun() throws -> WeightingRun? {
        try read { db in
            guard let r = try Row.fetchOne(db, sql: "SELECT * FROM weighting_runs ORDER BY id DESC LIMIT 1") else { return nil }
            let margins: String = r["margins"]
            return WeightingRun(id: r["id"], at: Date(timeIntervalSince1970: r["at"]), marginsFile: r["margins_file"],
                                margins: margins.isEmpty ? [] : margins.components(separatedBy: "; "), baseField: r["base_field"],
                                cap: r["cap"], tolerance: r["tolerance"], maxIterations: r["max_iterations"], iterations: r["iterations"],
                                converged: r["converged"], trimRounds: r["trim_rounds"], trimmedCases: r["trimmed_cases"],
                                cases: r["cases"], designEffect: r["design_effect"])
        }
    }

    /// The stored weights, keyed by case id.
    public func storedWeights() throws -> [String: Double] {
        try read { db in
            var found: [String: Double] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT c.id, w.weight FROM weights w JOIN cases c ON c.seq = w.case_seq") {
                found[row["id"]] = row["weight"]
            }
            return found
        }
    }

    /// Whether any weight is stored (an export then carries the `weight` column).
    public func hasWeights() throws -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM weights)") ?? false }
    }
}
