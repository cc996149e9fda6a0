import FieldworkPostgres
import Foundation

/// Quota rules on PostgreSQL, as on SQLite: completes per cell in `quota_completes`, and the open
/// cases of a full cell withheld (`withheld`, no queue, interim code 4.90 quota filled).
///
/// Every transaction that may withhold or release cases takes one transaction-level advisory lock
/// for the survey's quotas before it locks any case row. Without it two sessions finishing
/// completes in the same cell at once would each hold their own case and wait for the other's
/// (a deadlock the server would break by failing one call). Picking and leasing never take it.
extension PostgresCaseStore {
    /// Serialises quota changes of this survey until the transaction ends (nothing to do without quotas).
    func lockQuotas(_ db: PostgresConnection) throws {
        guard !rules.quotas.isEmpty else { return }
        _ = try db.execute("SELECT pg_advisory_xact_lock(hashtext($1)) AS locked", [.text("fieldwork quotas \(schemaName)")])
    }

    /// Rebuilds quota counts and withholding when the quota rules differ from those last applied
    /// (targets raised or lowered between sessions).
    func refreshQuotasIfRulesChanged(_ db: PostgresConnection) throws {
        let fingerprint = FieldsJSON.encode(Dictionary(uniqueKeysWithValues: rules.quotas.map { rule in
            (rule.name, rule.fields.joined(separator: "\u{1f}") + "=" + FieldsJSON.encode(rule.targets.mapValues(String.init)))
        }))
        let stored = try db.execute("SELECT value FROM \(s).case_meta WHERE key = 'quota_rules'").rows.first?.text("value")
        // A store that never had quotas has nothing to rebuild (and an interviewer's role may not write here).
        guard stored != fingerprint, !(stored == nil && rules.quotas.isEmpty) else { return }
        try lockQuotas(db)
        try db.execute("DELETE FROM \(s).quota_completes")
        var counts: [String: [String: Int]] = [:]
        for r in try db.execute("SELECT fields FROM \(s).cases WHERE final_code = $1", [.text(AAPORDisposition.complete.code)]).rows {
            let decoded = FieldsJSON.decode(r.text("fields") ?? "{}")
            for rule in rules.quotas { counts[rule.name, default: [:]][rule.cell(for: decoded), default: 0] += 1 }
        }
        for (rule, cells) in counts {
            for (cell, n) in cells {
                try db.execute("INSERT INTO \(s).quota_completes (rule, cell, completes) VALUES ($1, $2, $3)",
                               [.text(rule), .text(cell), .integer(n)])
            }
        }
        try releaseWithheld(db)
        try applyQuotaWithholding(db)
        try db.execute("""
            INSERT INTO \(s).case_meta (key, value) VALUES ('quota_rules', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
            """, [.text(fingerprint)])
    }

    /// Counts a new complete in each of the case's cells and withholds cells that just filled.
    func countComplete(_ db: PostgresConnection, fields: [String: String]) throws {
        for rule in rules.quotas {
            let cell = rule.cell(for: fields)
            let completes = try db.execute("""
                INSERT INTO \(s).quota_completes (rule, cell, completes) VALUES ($1, $2, 1)
                ON CONFLICT (rule, cell) DO UPDATE SET completes = quota_completes.completes + 1 RETURNING completes
                """, [.text(rule.name), .text(cell)]).rows.first?.integer("completes") ?? 0
            if let target = rule.targets[cell], completes >= target {
                try withhold(db, rule: rule, cell: cell)
            }
        }
    }

    /// Takes one complete off each of the case's quota cells.
    func uncountComplete(_ db: PostgresConnection, fields: [String: String]) throws {
        for rule in rules.quotas {
            try db.execute("UPDATE \(s).quota_completes SET completes = completes - 1 WHERE rule = $1 AND cell = $2 AND completes > 0",
                           [.text(rule.name), .text(rule.cell(for: fields))])
        }
    }

    /// Withholds exactly the open cases of full cells: cases of cells no longer full are offered
    /// again with their interim codes recomputed, and a reopened case in a full cell is withheld.
    func rebuildQuotaWithholding(_ db: PostgresConnection) throws {
        guard !rules.quotas.isEmpty else { return }
        try releaseWithheld(db)
        try applyQuotaWithholding(db)
    }

    /// Offers every withheld case again, with its interim code recomputed.
    private func releaseWithheld(_ db: PostgresConnection) throws {
        let withheld = try db.execute("SELECT seq FROM \(s).cases WHERE withheld").rows.compactMap { $0.integer("seq") }
        try db.execute("UPDATE \(s).cases SET withheld = false, queue = tier WHERE withheld AND released")
        try refreshInterimCodes(db, seqs: withheld)
    }

    /// Withholds open fresh and retry cases in every full cell (a target of zero closes a cell at once).
    func applyQuotaWithholding(_ db: PostgresConnection) throws {
        for rule in rules.quotas {
            for r in try db.execute("SELECT cell, completes FROM \(s).quota_completes WHERE rule = $1", [.text(rule.name)]).rows {
                let cell = r.text("cell") ?? ""
                if let target = rule.targets[cell], (r.integer("completes") ?? 0) >= target {
                    try withhold(db, rule: rule, cell: cell)
                }
            }
            for (cell, target) in rule.targets where target <= 0 {
                try withhold(db, rule: rule, cell: cell)
            }
        }
    }

    private func withhold(_ db: PostgresConnection, rule: QuotaRule, cell: String) throws {
        let values = cell.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard values.count == rule.fields.count else { return }
        var conditions: [String] = []
        var parameters: [PostgresParameter] = []
        for (field, value) in zip(rule.fields, values) {
            conditions.append("COALESCE(fields::jsonb ->> $\(parameters.count + 1), '') = $\(parameters.count + 2)")
            parameters += [.text(field), .text(value)]
        }
        try db.execute("""
            UPDATE \(s).cases SET withheld = true, queue = NULL, interim_code = '\(AAPORDisposition.quotaFilled.code)'
            WHERE final_code IS NULL AND NOT withheld AND released AND tier >= \(PickReason.fresh.tier)
              AND \(conditions.joined(separator: " AND "))
            """, parameters)
    }

    /// Completes and targets per rule and cell, for `statusCounts`.
    func quotaCells(_ db: PostgresConnection) throws -> [String: [String: (completes: Int, target: Int?)]] {
        var cells: [String: [String: (completes: Int, target: Int?)]] = [:]
        for rule in rules.quotas {
            var ruleCells: [String: (completes: Int, target: Int?)] = [:]
            for (cell, target) in rule.targets { ruleCells[cell] = (0, target) }
            for r in try db.execute("SELECT cell, completes FROM \(s).quota_completes WHERE rule = $1", [.text(rule.name)]).rows {
                let cell = r.text("cell") ?? ""
                ruleCells[cell] = (r.integer("completes") ?? 0, rule.targets[cell])
            }
            cells[rule.name] = ruleCells
        }
        return cells
    }

    public func quotaFill() throws -> [SupervisorSnapshot.QuotaCell] {
        guard !rules.quotas.isEmpty else { return [] }
        return try transaction(Date()) { db, _ in
            var cells: [SupervisorSnapshot.QuotaCell] = []
            for rule in rules.quotas.sorted(by: { $0.name < $1.name }) {
                var completes: [String: Int] = [:]
                for r in try db.execute("SELECT cell, completes FROM \(s).quota_completes WHERE rule = $1", [.text(rule.name)]).rows {
                    completes[r.text("cell") ?? ""] = r.integer("completes") ?? 0
                }
                for cell in Set(completes.keys).union(rule.targets.keys).sorted() {
                    cells.append(.init(rule: rule.name, cell: cell, completes: completes[cell] ?? 0, target: rule.targets[cell]))
                }
            }
            return cells
        }
    }
}
