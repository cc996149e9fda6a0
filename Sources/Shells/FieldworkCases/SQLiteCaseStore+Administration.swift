import FieldworkBasics
import Foundation
import GRDB

/// Case administration: a supervisor's release, reopen, correction and assignment, each in one write
/// transaction with its row in the append-only `case_audit` table (who, when, why, before, after).
///
/// Every change needs a non-empty supervisor name and reason (`auditDetailMissing`), and every change
/// but a release refuses a case under someone else's unexpired lease (`leasedByAnother`).
extension SQLiteCaseStore {
    /// Ends the lease on a case, whoever holds it (an interviewer who went home, a crashed session),
    /// so the scheduler offers it again at its own due time. Refused (`caseNotLeased`) when nobody holds it.
    @discardableResult
    public func releaseCase(id: String, by supervisor: String, reason: String, now: Date) throws -> CaseAuditEntry {
        let (by, why) = try CaseChangeChecks.checkedAuditDetails(caseID: id, by: supervisor, reason: reason)
        let t = now.timeIntervalSince1970
        return try write { db in
            guard let row = try CaseRow.fetch(db, id: id) else { throw CaseStoreError.unknownCase(id) }
            guard row.leaseHolder != nil else { throw CaseStoreError.caseNotLeased(row.id) }
            let before = CaseChangeChecks.leaseText(row, at: t)
            try db.execute(sql: "UPDATE cases SET lease_holder = NULL, lease_expires = NULL, next_eligible_at = due_at WHERE seq = ?",
                           arguments: [row.seq])
            return try Self.audit(db, caseSeq: row.seq, CaseAuditEntry(at: now, by: by, action: .release, reason: why,
                                                                       before: before, after: "not leased"))
        }
    }

    /// Takes a final case back into fieldwork: status retry, due now, final code cleared and the
    /// interim code recomputed from its calls (`InterimDisposition`). Reopening a complete (1.1)
    /// takes it off its quota cells, so cases withheld by a cell that is no longer full are offered again.
    @discardableResult
    public func reopenCase(id: String, by supervisor: String, reason: String, now: Date) throws -> CaseAuditEntry {
        let (by, why) = try CaseChangeChecks.checkedAuditDetails(caseID: id, by: supervisor, reason: reason)
        let t = now.timeIntervalSince1970
        return try write { db in
            guard let row = try CaseRow.fetch(db, id: id) else { throw CaseStoreError.unknownCase(id) }
            try CaseChangeChecks.checkNotLeasedByAnother(row, by: by, at: t)
            guard let code = row.finalCode else { throw CaseStoreError.caseNotFinal(row.id, row.status) }
            let old = AAPORDisposition.forCode(code)
            let retry = PickReason.retry.tier
            try db.execute(sql: "UPDATE appointments SET active = 0 WHERE case_seq = ? AND active = 1", arguments: [row.seq])
            try db.execute(sql: """
                UPDATE cases SET status = ?, final_code = NULL, tier = \(retry), queue = \(retry), withheld = 0,
                    due_at = ?, next_eligible_at = ?, appointment_id = NULL, lease_holder = NULL, lease_expires = NULL
                WHERE seq = ?
                """, arguments: [CaseStatus.retry.rawValue, t, t, row.seq])
            try Self.refreshInterimCodes(db, seqs: [row.seq])
            if old == .complete { try uncountComplete(db, fields: FieldsJSON.decode(row.fields)) }
            try rebuildQuotaWithholding(db)
            let reopened = try CaseRow.fetch(db, seq: row.seq)
            let interim = AAPORDisposition.forCode(reopened?.interimCode ?? AAPORDisposition.notAttempted.code)
            return try Self.audit(db, caseSeq: row.seq, CaseAuditEntry(
                at: now, by: by, action: .reopen, reason: why,
                before: "final \(old)", after: "open (retry), interim \(interim)"))
        }
    }

    /// Replaces a final case's code with another code the store knows (`AAPORDisposition.all`). The
    /// new code is recorded as an attempt-free finalisation (the case's final rule names the
    /// correction), and quota counts follow when 1.1 is the old or the new code.
    @discardableResult
    public func correctDisposition(id: String, to code: String, by supervisor: String, reason: String,
                                   now: Date) throws -> CaseAuditEntry {
        let (by, why) = try CaseChangeChecks.checkedAuditDetails(caseID: id, by: supervisor, reason: reason)
        let wanted = code.trimmingCharacters(in: .whitespaces)
        guard let new = AAPORDisposition.all.first(where: { $0.code == wanted }) else {
            throw CaseStoreError.unknownDisposition(caseID: id, code: code)
        }
        let t = now.timeIntervalSince1970
        return try write { db in
            guard let row = try CaseRow.fetch(db, id: id) else { throw CaseStoreError.unknownCase(id) }
            try CaseChangeChecks.checkNotLeasedByAnother(row, by: by, at: t)
            guard let oldCode = row.finalCode else { throw CaseStoreError.caseNotFinal(row.id, row.status) }
            let old = AAPORDisposition.forCode(oldCode)
            guard old != new else { throw CaseStoreError.sameDisposition(caseID: row.id, new) }
            try db.execute(sql: "UPDATE cases SET status = ?, final_code = ? WHERE seq = ?",
                           arguments: [CaseStatus.forFinal(new).rawValue, new.code, row.seq])
            try db.execute(sql: "INSERT INTO finalisations (case_seq, at, final_code, rule, finalised_by) VALUES (?, ?, ?, ?, ?)",
                           arguments: [row.seq, t, new.code, "corrected by \(by): \(old.code) → \(new.code) (\(why))", by])
            if !rules.quotas.isEmpty, old == .complete || new == .complete {
                let fields = FieldsJSON.decode(row.fields)
                if old == .complete { try uncountComplete(db, fields: fields) }
                if new == .complete { try countComplete(db, fields: fields) }
                try rebuildQuotaWithholding(db)
            }
            return try Self.audit(db, caseSeq: row.seq, CaseAuditEntry(
                at: now, by: by, action: .correct, reason: why, before: "final \(old)", after: "final \(new)"))
        }
    }

    /// Leases an open case to `interviewer` for `rules.leaseMinutes` (as `leaseCase`), so their next
    /// session opens it. Refused for a final case and for one under another interviewer's lease.
    @discardableResult
    public func assignCase(id: String, to interviewer: String, by supervisor: String, reason: String,
                           now: Date) throws -> CaseAuditEntry {
        let (by, why) = try CaseChangeChecks.checkedAuditDetails(caseID: id, by: supervisor, reason: reason)
        let interviewer = try checkedInterviewer(interviewer)
        let t = now.timeIntervalSince1970
        return try write { db in
            guard let row = try CaseRow.fetch(db, id: id) else { throw CaseStoreError.unknownCase(id) }
            let before = CaseChangeChecks.leaseText(row, at: t)
            let lease = try leaseCase(db, row: row, interviewer: interviewer, at: t)
            return try Self.audit(db, caseSeq: row.seq, CaseAuditEntry(
                at: now, by: by, action: .assign, reason: why,
                before: before, after: "leased to \(interviewer) until \(CaseChangeChecks.iso(lease.expiresAt.timeIntervalSince1970))"))
        }
    }

    // MARK: Audit trail

    /// The case's audit rows, oldest first.
    static func auditEntries(_ db: Database, caseSeq: Int64) throws -> [CaseAuditEntry] {
        try Row.fetchAll(db, sql: "SELECT * FROM case_audit WHERE case_seq = ? ORDER BY id", arguments: [caseSeq]).map { r in
            CaseAuditEntry(at: Date(timeIntervalSince1970: r["at"]), by: r["by"],
                           action: CaseAuditAction(rawValue: r["action"]) ?? .correct, reason: r["reason"],
                           before: r["before"], after: r["after"])
        }
    }

    static func audit(_ db: Database, caseSeq: Int64, _ entry: CaseAuditEntry) throws -> CaseAuditEntry {
        try db.execute(sql: """
            INSERT INTO case_audit (case_seq, at, by, action, reason, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [caseSeq, entry.at.timeIntervalSince1970, entry.by, entry.action.rawValue, entry.reason,
                             entry.before, entry.after])
        return entry
    }

    // MARK: Quotas

    /// Takes one complete off each of the case's quota cells.
    private func uncountComplete(_ db: Database, fields: [String: String]) throws {
        for rule in rules.quotas {
            try db.execute(sql: "UPDATE quota_completes SET completes = completes - 1 WHERE rule = ? AND cell = ? AND completes > 0",
                           arguments: [rule.name, rule.cell(for: fields)])
        }
    }

    /// Withholds exactly the open cases of full cells: cases of cells no longer full are offered
    /// again with their interim codes recomputed, and a reopened case in a full cell is withheld.
    func rebuildQuotaWithholding(_ db: Database) throws {
        guard !rules.quotas.isEmpty else { return }
        let released = try Int64.fetchAll(db, sql: "SELECT seq FROM cases WHERE withheld = 1")
        try db.execute(sql: "UPDATE cases SET withheld = 0, queue = tier WHERE withheld = 1 AND released = 1")
        try Self.refreshInterimCodes(db, seqs: released)
        try applyQuotaWithholding(db)
    }
}
