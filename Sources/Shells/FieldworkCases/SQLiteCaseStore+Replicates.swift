import Foundation
import GRDB

/// Sample release in replicates: cases imported with a replicate number wait, never offered and in no
/// response rate, until a supervisor releases the replicate. Cases imported without one are released.
extension SQLiteCaseStore {
    /// Releases every unreleased case of `replicate` as fresh cases, in one write transaction, and
    /// records the release (who, when, why, how many) in `replicate_releases`. Quota withholding
    /// applies to them at once. Refused when the replicate has no unreleased case.
    @discardableResult
    public func releaseReplicate(_ replicate: Int, by supervisor: String, reason: String, now: Date) throws -> ReplicateRelease {
        guard replicate >= 1 else { throw CaseStoreError.invalidReplicate(replicate) }
        let (by, why) = try CaseChangeChecks.checkedAuditDetails(caseID: "replicate \(replicate)", by: supervisor, reason: reason)
        let t = now.timeIntervalSince1970
        return try write { db in
            let waiting = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cases WHERE replicate = ? AND released = 0",
                                           arguments: [replicate]) ?? 0
            guard waiting > 0 else {
                let already = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cases WHERE replicate = ? AND released = 1",
                                               arguments: [replicate]) ?? 0
                throw CaseStoreError.noUnreleasedCases(replicate: replicate, alreadyReleased: already)
            }
            try db.execute(sql: """
                UPDATE cases SET released = 1, queue = tier, interim_code = ?
                WHERE replicate = ? AND released = 0 AND final_code IS NULL
                """, arguments: [AAPORDisposition.notAttempted.code, replicate])
            if !rules.quotas.isEmpty { try applyQuotaWithholding(db) }
            let release = ReplicateRelease(replicate: replicate, at: now, by: by, reason: why, cases: waiting)
            try db.execute(sql: "INSERT INTO replicate_releases (replicate, at, by, reason, cases) VALUES (?, ?, ?, ?, ?)",
                           arguments: [replicate, t, by, why, waiting])
            return release
        }
    }

    /// Each replicate's size and released count, by replicate number.
    public func replicateSummaries() throws -> [ReplicateSummary] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT replicate, COUNT(*) AS n, SUM(released) AS r FROM cases WHERE replicate IS NOT NULL
                GROUP BY replicate ORDER BY replicate
                """).map { ReplicateSummary(replicate: $0["replicate"], cases: $0["n"], released: $0["r"]) }
        }
    }

    /// Every replicate release, oldest first.
    public func replicateReleases() throws -> [ReplicateRelease] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM replicate_releases ORDER BY id").map {
                ReplicateRelease(replicate: $0["replicate"], at: Date(timeIntervalSince1970: $0["at"]), by: $0["by"],
                                 reason: $0["reason"], cases: $0["cases"])
            }
        }
    }
}
