import FieldworkPostgres
import Foundation

/// Sample release in replicates on PostgreSQL, as `SQLiteCaseStore+Replicates`.
extension PostgresCaseStore {
    @discardableResult
    public func releaseReplicate(_ replicate: Int, by supervisor: String, reason: String, now: Date) throws -> ReplicateRelease {
        guard replicate >= 1 else { throw CaseStoreError.invalidReplicate(replicate) }
        let (by, why) = try CaseChangeChecks.checkedAuditDetails(caseID: "replicate \(replicate)", by: supervisor, reason: reason)
        return try transaction(now) { db, now in
            try lockQuotas(db)
            // The replicate's rows are locked, so two supervisors releasing it at once count it once.
            let rows = try db.execute("SELECT released FROM \(s).cases WHERE replicate = $1 FOR UPDATE", [.integer(replicate)]).rows
            let waiting = rows.filter { $0.boolean("released") == false }.count
            guard waiting > 0 else {
                throw CaseStoreError.noUnreleasedCases(replicate: replicate, alreadyReleased: rows.count)
            }
            try db.execute("""
                UPDATE \(s).cases SET released = true, queue = tier, interim_code = $1
                WHERE replicate = $2 AND NOT released AND final_code IS NULL
                """, [.text(AAPORDisposition.notAttempted.code), .integer(replicate)])
            if !rules.quotas.isEmpty { try applyQuotaWithholding(db) }
            let release = ReplicateRelease(replicate: replicate, at: now, by: by, reason: why, cases: waiting)
            try db.execute("""
                INSERT INTO \(s).replicate_releases (replicate, at, "by", reason, cases) VALUES ($1, $2::float8, $3, $4, $5)
                """, [.integer(replicate), Self.time(now.timeIntervalSince1970), .text(by), .text(why), .integer(waiting)])
            return release
        }
    }

    public func replicateSummaries() throws -> [ReplicateSummary] {
        try transaction(Date()) { db, _ in
            try db.execute("""
                SELECT replicate, COUNT(*) AS n, COUNT(*) FILTER (WHERE released) AS r FROM \(s).cases WHERE replicate IS NOT NULL
                GROUP BY replicate ORDER BY replicate
                """).rows.map {
                ReplicateSummary(replicate: $0.integer("replicate") ?? 0, cases: $0.integer("n") ?? 0, released: $0.integer("r") ?? 0)
            }
        }
    }

    public func replicateReleases() throws -> [ReplicateRelease] {
        try transaction(Date()) { db, _ in
            try db.execute("SELECT * FROM \(s).replicate_releases ORDER BY id").rows.map {
                ReplicateRelease(replicate: $0.integer("replicate") ?? 0, at: Self.date($0, "at"), by: $0.text("by") ?? "",
                                 reason: $0.text("reason") ?? "", cases: $0.integer("cases") ?? 0)
            }
        }
    }
}
