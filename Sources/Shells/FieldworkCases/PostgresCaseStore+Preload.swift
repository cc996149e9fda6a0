import FieldworkPostgres
import Foundation

/// Preload values on PostgreSQL, as `SQLiteCaseStore+Preload`.
extension PostgresCaseStore {
    public func containsCase(id: String) throws -> Bool {
        try transaction(Date()) { db, _ in
            !(try db.execute("SELECT 1 AS present FROM \(s).cases WHERE id = $1", [.text(id)]).isEmpty)
        }
    }

    @discardableResult
    public func storePreload(_ preload: ParsedPreload, now: Date) throws -> Int {
        try transaction(now) { db, now in
            for row in preload.rows {
                guard let seq = try db.execute("SELECT seq FROM \(s).cases WHERE id = $1", [.text(row.caseID)]).rows.first?.integer("seq")
                else { throw CaseStoreError.unknownCase(row.caseID) }
                for name in preload.names {
                    if let value = row.values[name] {
                        try db.execute("""
                            INSERT INTO \(s).preload_values (case_seq, name, value, source, loaded_at) VALUES ($1, $2, $3, $4, $5::float8)
                            ON CONFLICT (case_seq, name) DO UPDATE SET value = EXCLUDED.value, source = EXCLUDED.source,
                                loaded_at = EXCLUDED.loaded_at
                            """, [.integer(seq), .text(name), .text(value), .text(preload.source), Self.time(now.timeIntervalSince1970)])
                    } else {
                        try db.execute("DELETE FROM \(s).preload_values WHERE case_seq = $1 AND name = $2", [.integer(seq), .text(name)])
                    }
                }
            }
            return preload.rows.count
        }
    }

    public func preloadValues(caseID: String) throws -> [String: String] {
        try transaction(Date()) { db, _ in
            guard let seq = try db.execute("SELECT seq FROM \(s).cases WHERE id = $1", [.text(caseID)]).rows.first?.integer("seq")
            else { return [:] }
            return try preloadValues(db, caseSeq: seq)
        }
    }

    public func preloadValues(ids: [String]) throws -> [String: [String: String]] {
        guard !ids.isEmpty else { return [:] }
        return try transaction(Date()) { db, _ in
            var out: [String: [String: String]] = [:]
            var start = 0
            while start < ids.count {
                let slice = Array(ids[start..<min(ids.count, start + 500)])
                start += slice.count
                let marks = (1...slice.count).map { "$\($0)" }.joined(separator: ", ")
                for r in try db.execute("""
                    SELECT c.id, p.name, p.value FROM \(s).preload_values p JOIN \(s).cases c ON c.seq = p.case_seq WHERE c.id IN (\(marks))
                    """, slice.map(PostgresParameter.text)).rows {
                    out[r.text("id") ?? "", default: [:]][r.text("name") ?? ""] = r.text("value") ?? ""
                }
            }
            return out
        }
    }

    func preloadValues(_ db: PostgresConnection, caseSeq: Int) throws -> [String: String] {
        var out: [String: String] = [:]
        for r in try db.execute("SELECT name, value FROM \(s).preload_values WHERE case_seq = $1", [.integer(caseSeq)]).rows {
            out[r.text("name") ?? ""] = r.text("value") ?? ""
        }
        return out
    }
}
