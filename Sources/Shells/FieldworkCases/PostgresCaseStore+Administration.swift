import FieldworkPostgres
import Foundation

/// A supervisor's release, reopen, correction and assignment on PostgreSQL: the same checks and the
/// same audit rows as `SQLiteCaseStore+Administration`, each change and its `case_audit` row in one
/// transaction with the case row locked (`FOR UPDATE`), so a change never races a call being recorded.
extension PostgresCaseStore {
    @discardableResult
    public func releaseCase(id: String, by supervisor: String, reason: String, now: Date) throws -> CaseAuditEntry {
        let (by, why) = try CaseChangeChecks.checkedAuditDetails(caseID: id, by: supervisor, reason: reason)
        return try transaction(now) { db, now in
            let t = now.timeIntervalSince1970
            guard let row = try fetchForUpdate(db, id: id) else { throw CaseStoreError.unknownCase(id) }
            guard row.leaseHolder != nil else { throw CaseStoreError.caseNotLeased(row.id) }
            let before = CaseChangeChecks.leaseText(row, at: t)
            try db.execute("UPDATE \(s).cases SET lease_holder = NULL, lease_expires = NULL, next_eligible_at = due_at WHERE seq = $1",
                           [.integer(Int(row.seq))])
            return try audit(db, caseSeq: row.seq, CaseAuditEntry(at: now, by: by, action: .release, reason: why,
                                                                  before: before, after: "not leased"))
        }
    }

    @discardableResult
    public func reopenCase(id: String, by supervisor: String, reason: String, now: Date) throws -> CaseAuditEntry {
        let (by, why) = try CaseChangeChecks.checkedAuditDetails(caseID: id, by: supervisor, reason: reason)
        return try transaction(now) { db, now in
            let t = now.timeIntervalSince1970
            try lockQuotas(db)
            guard let row = try fetchForUpdate(db, id: id) else { throw CaseStoreError.unknownCase(id) }
            try CaseChangeChecks.checkNotLeasedByAnother(row, by: by, at: t)
            guard let code = row.finalCode else { throw CaseStoreError.caseNotFinal(row.id, row.status) }
            let old = AAPORDisposition.forCode(code)
            let retry = PickReason.retry.tier
            let seq = PostgresParameter.integer(Int(row.seq))
            try db.execute("UPDATE \(s).appointments SET active = false WHERE case_seq = $1 AND active", [seq])
            try db.execute("""
                UPDATE \(s).cases SET status = $1, final_code = NULL, tier = \(retry), queue = \(retry), withheld = false,
                    due_at = $2::float8, next_eligible_at = $2::float8, appointment_id = NULL, lease_holder = NULL, lease_expires = NULL
                WHERE seq = $3
                """, [.text(CaseStatus.retry.rawValue), Self.time(t), seq])
            try refreshInterimCodes(db, seqs: [Int(row.seq)])
            if old == .complete { try uncountComplete(db, fields: FieldsJSON.decode(row.fields)) }
            try rebuildQuotaWithholding(db)
            let reopened = try fetch(db, seq: Int(row.seq))
            let interim = AAPORDisposition.forCode(reopened?.interimCode ?? AAPORDisposition.notAttempted.code)
            return try audit(db, caseSeq: row.seq, CaseAuditEntry(
                at: now, by: by, action: .reopen, reason: why, before: "final \(old)", after: "open (retry), interim \(interim)"))
        }
    }

    @discardableResult
    public func correctDisposition(id: String, to code: String, by supervisor: String, reason: String,
                                   now: Date) throws -> CaseAuditEntry {
        let (by, why) = try CaseChangeChecks.checkedAuditDetails(caseID: id, by: supervisor, reason: reason)
        let wanted = code.trimmingCharacters(in: .whitespaces)
        guard let new = AAPORDisposition.all.first(where: { $0.code == wanted }) else {
            throw CaseStoreError.unknownDisposition(caseID: id, code: code)
        }
        return try transaction(now) { db, now in
            let t = now.timeIntervalSince1970
            try lockQuotas(db)
            guard let row = try fetchForUpdate(db, id: id) else { throw CaseStoreError.unknownCase(id) }
            try CaseChangeChecks.checkNotLeasedByAnother(row, by: by, at: t)
            guard let oldCode = row.finalCode else { throw CaseStoreError.caseNotFinal(row.id, row.status) }
            let old = AAPORDisposition.forCode(oldCode)
            guard old != new else { throw CaseStoreError.sameDisposition(caseID: row.id, new) }
            let seq = PostgresParameter.integer(Int(row.seq))
            try db.execute("UPDATE \(s).cases SET status = $1, final_code = $2 WHERE seq = $3",
                           [.text(CaseStatus.forFinal(new).rawValue), .text(new.code), seq])
            try db.execute("""
                INSERT INTO \(s).finalisations (case_seq, at, final_code, rule, finalised_by) VALUES ($1, $2::float8, $3, $4, $5)
                """, [seq, Self.time(t), .text(new.code), .text("corrected by \(by): \(old.code) → \(new.code) (\(why))"), .text(by)])
            if !rules.quotas.isEmpty, old == .complete || new == .complete {
                let fields = FieldsJSON.decode(row.fields)
                if old == .complete { try uncountComplete(db, fields: fields) }
                if new == .complete { try countComplete(db, fields: fields) }
                try rebuildQuotaWithholding(db)
            }
            return try audit(db, caseSeq: row.seq, CaseAuditEntry(
                at: now, by: by, action: .correct, reason: why, before: "final \(old)", after: "final \(new)"))
        }
    }

    @discardableResult
    public func assignCase(id: String, to interviewer: String, by supervisor: String, reason: String,
                           now: Date) throws -> CaseAuditEntry {
        let (by, why) = try CaseChangeChecks.checkedAuditDetails(caseID: id, by: supervisor, reason: reason)
        let interviewer = try checkedInterviewer(interviewer)
        return try transaction(now) { db, now in
            let t = now.timeIntervalSince1970
            guard let row = try fetchForUpdate(db, id: id) else { throw CaseStoreError.unknownCase(id) }
            let before = CaseChangeChecks.leaseText(row, at: t)
            let lease = try leaseLocked(db, row: row, interviewer: interviewer, at: t)
            return try audit(db, caseSeq: row.seq, CaseAuditEntry(
                at: now, by: by, action: .assign, reason: why,
                before: before, after: "leased to \(interviewer) until \(CaseChangeChecks.iso(lease.expiresAt.timeIntervalSince1970))"))
        }
    }

    // MARK: Audit trail

    /// The case's audit rows, oldest first.
    func auditEntries(_ db: PostgresConnection, caseSeq: Int64) throws -> [CaseAuditEntry] {
        try db.execute("SELECT * FROM \(s).case_audit WHERE case_seq = $1 ORDER BY id", [.integer(Int(caseSeq))]).rows.map { r in
            CaseAuditEntry(at: Self.date(r, "at"), by: r.text("by") ?? "", action: r.text("action").flatMap(CaseAuditAction.init(rawValue:)) ?? .correct,
                           reason: r.text("reason") ?? "", before: r.text("before") ?? "", after: r.text("after") ?? "")
        }
    }

    func audit(_ db: PostgresConnection, caseSeq: Int64, _ entry: CaseAuditEntry) throws -> CaseAuditEntry {
        try db.execute("""
            INSERT INTO \(s).case_audit (case_seq, at, "by", action, reason, "before", "after") VALUES ($1, $2::float8, $3, $4, $5, $6, $7)
            """, [.integer(Int(caseSeq)), Self.time(entry.at.timeIntervalSince1970), .text(entry.by), .text(entry.action.rawValue),
                  .text(entry.reason), .text(entry.before), .text(entry.after)])
        return entry
    }

    /// Recomputes the stored interim code of the listed cases from their facts (final and unreleased ones are skipped).
    func refreshInterimCodes(_ db: PostgresConnection, seqs: [Int]) throws {
        for seq in seqs {
            guard let row = try fetch(db, seq: seq), row.finalCode == nil, row.released else { continue }
            try db.execute("UPDATE \(s).cases SET interim_code = $1 WHERE seq = $2", [.text(row.interim.disposition.code), .integer(seq)])
        }
    }
}
