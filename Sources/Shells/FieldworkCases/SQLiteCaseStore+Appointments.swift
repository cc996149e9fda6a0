import FieldworkBasics
import Foundation
import GRDB

/// A supervisor's appointments: the list of booked appointments, and booking, moving and cancelling
/// one, each audited like the other case-administration changes. Times are checked by the survey's
/// own appointment rules (`SchedulingRules.schedule`: not in the past, on a calling day, in calling hours).
extension SQLiteCaseStore {
    /// Active appointments on open cases, oldest first, optionally only those booked by `bookedBy`.
    /// Without `includeLater`, only those overdue, due now or later today.
    public func appointmentListings(now: Date, bookedBy: String?, includeLater: Bool) throws -> [AppointmentListing] {
        let t = now.timeIntervalSince1970
        let dayEnd = rules.day(containing: now).end
        let grace = Double(rules.hardAppointmentGraceMinutes * 60)
        return try read { db in
            var sql = """
                SELECT c.id, c.lease_holder, c.lease_expires, a.* FROM appointments a INDEXED BY appointments_active_at
                JOIN cases c ON c.seq = a.case_seq
                WHERE a.active = 1 AND c.appointment_id = a.id AND c.final_code IS NULL
                """
            var arguments: StatementArguments = []
            if let bookedBy { sql += " AND a.set_by = ?"; arguments += [bookedBy] }
            sql += " ORDER BY a.at, a.id"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).compactMap { r -> AppointmentListing? in
                guard let start = LocalDateTime(r["start_local"] as String) else { return nil }
                let kind = AppointmentKind(rawValue: r["kind"]) ?? .hard
                let at = Date(timeIntervalSince1970: r["at"])
                let until = Date(timeIntervalSince1970: r["until"])
                let callableFrom = kind == .hard ? at.addingTimeInterval(-grace) : at
                let standing = AppointmentListing.standing(callableFrom: callableFrom, until: until, now: now, dayEnd: dayEnd)
                if standing == .later && !includeLater { return nil }
                let expires: Double? = r["lease_expires"]
                return AppointmentListing(
                    caseID: r["id"], kind: kind, start: start, end: (r["end_local"] as String?).flatMap { LocalDateTime($0) },
                    timeZoneID: r["time_zone"], at: at, until: until, bookedBy: r["set_by"],
                    bookedAt: Date(timeIntervalSince1970: r["set_at"]),
                    heldBy: (expires ?? 0) > t ? (r["lease_holder"] as String?) : nil, standing: standing)
            }
        }
    }

    /// Books an appointment on an open case for a supervisor (replacing any booked one), audited.
    @discardableResult
    public func bookAppointment(caseID: String, appointment: Appointment, by supervisor: String, reason: String,
                                now: Date) throws -> CaseAuditEntry {
        try changeAppointment(caseID: caseID, to: appointment, action: .bookAppointment, requireExisting: false,
                              by: supervisor, reason: reason, now: now)
    }

    /// Moves a case's booked appointment to another time (and kind), audited. Refused without one.
    @discardableResult
    public func moveAppointment(caseID: String, to appointment: Appointment, by supervisor: String, reason: String,
                                now: Date) throws -> CaseAuditEntry {
        try changeAppointment(caseID: caseID, to: appointment, action: .moveAppointment, requireExisting: true,
                              by: supervisor, reason: reason, now: now)
    }

    /// The booked appointment of an open case, in words for the audit trail.
    func appointmentText(_ db: Database, row: CaseRow) throws -> String {
        guard let id = row.appointmentID,
              let r = try Row.fetchOne(db, sql: "SELECT * FROM appointments WHERE id = ? AND active = 1", arguments: [id])
        else { return "no appointment" }
        let start = (r["start_local"] as String).replacingOccurrences(of: "T", with: " ")
        let end = (r["end_local"] as String?).map { "–" + $0.replacingOccurrences(of: "T", with: " ") } ?? ""
        return "\(r["kind"] as String) appointment \(start)\(end) \(r["time_zone"] as String) (booked by \(r["set_by"] as String))"
    }

    private func changeAppointment(caseID: String, to appointment: Appointment, action: CaseAuditAction, requireExisting: Bool,
                                   by supervisor: String, reason: String, now: Date) throws -> CaseAuditEntry {
        let (by, why) = try CaseChangeChecks.checkedAuditDetails(caseID: caseID, by: supervisor, reason: reason)
        let scheduled: (callableFrom: Date, at: Date, until: Date)
        do { scheduled = try rules.schedule(appointment, now: now) } catch { throw CaseStoreError.appointment(error) }
        let t = now.timeIntervalSince1970
        return try write { db in
            guard let row = try CaseRow.fetch(db, id: caseID) else { throw CaseStoreError.unknownCase(caseID) }
            try CaseChangeChecks.checkWorkable(row, by: by, at: t)
            if requireExisting && row.appointmentID == nil { throw CaseStoreError.noActiveAppointment(row.id) }
            let before = try appointmentText(db, row: row)
            try db.execute(sql: "UPDATE appointments SET active = 0 WHERE case_seq = ? AND active = 1", arguments: [row.seq])
            try db.execute(sql: """
                INSERT INTO appointments (case_seq, kind, start_local, end_local, time_zone, at, until, set_by, set_at, active)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                """, arguments: [row.seq, appointment.kind.rawValue, appointment.start.description, appointment.end?.description,
                                 appointment.timeZoneID, scheduled.at.timeIntervalSince1970, scheduled.until.timeIntervalSince1970,
                                 by, t])
            let id = db.lastInsertedRowID
            let tier = appointment.kind == .hard ? PickReason.hardAppointment.tier : PickReason.softAppointment.tier
            let due = scheduled.callableFrom.timeIntervalSince1970
            let interim = InterimDisposition.of(attempts: row.attempts, lastOutcome: row.lastOutcome, everEligible: row.everEligible,
                                                softRefusals: row.softRefusals, appointmentBooked: true, withheldByQuota: false)
            // A lease the supervisor does not hold has expired (checkWorkable refused a running one): clear it.
            try db.execute(sql: """
                UPDATE cases SET status = ?, tier = ?, queue = ?, withheld = 0, due_at = ?, next_eligible_at = ?, appointment_id = ?,
                    lease_holder = NULL, lease_expires = NULL, interim_code = ?
                WHERE seq = ?
                """, arguments: [CaseStatus.appointment.rawValue, tier, tier, due, due, id, interim.disposition.code, row.seq])
            guard let after = try CaseRow.fetch(db, seq: row.seq) else { throw CaseStoreError.unknownCase(caseID) }
            return try Self.audit(db, caseSeq: row.seq, CaseAuditEntry(
                at: now, by: by, action: action, reason: why, before: before, after: try appointmentText(db, row: after)))
        }
    }

    /// Cancels a case's booked appointment, audited: the case goes back to the ordinary queue, due now
    /// (fresh if it was never called, else a retry) and offered in calling hours. Refused without one.
    @discardableResult
    public func cancelAppointment(caseID: String, by supervisor: String, reason: String, now: Date) throws -> CaseAuditEntry {
        let (by, why) = try CaseChangeChecks.checkedAuditDetails(caseID: caseID, by: supervisor, reason: reason)
        let t = now.timeIntervalSince1970
        return try write { db in
            guard let row = try CaseRow.fetch(db, id: caseID) else { throw CaseStoreError.unknownCase(caseID) }
            try CaseChangeChecks.checkWorkable(row, by: by, at: t)
            guard row.appointmentID != nil else { throw CaseStoreError.noActiveAppointment(row.id) }
            let before = try appointmentText(db, row: row)
            let queue: PickReason = row.attempts == 0 ? .fresh : .retry
            let status: CaseStatus = row.attempts == 0 ? .fresh : .retry
            try db.execute(sql: "UPDATE appointments SET active = 0 WHERE case_seq = ? AND active = 1", arguments: [row.seq])
            try db.execute(sql: """
                UPDATE cases SET status = ?, tier = \(queue.tier), queue = \(queue.tier), due_at = ?, next_eligible_at = ?,
                    appointment_id = NULL, lease_holder = NULL, lease_expires = NULL
                WHERE seq = ?
                """, arguments: [status.rawValue, t, t, row.seq])
            try Self.refreshInterimCodes(db, seqs: [row.seq])
            if !rules.quotas.isEmpty { try applyQuotaWithholding(db) }
            return try Self.audit(db, caseSeq: row.seq, CaseAuditEntry(
                at: now, by: by, action: .cancelAppointment, reason: why, before: before,
                after: "no appointment; \(status.rawValue), callable from \(CaseChangeChecks.iso(t))"))
        }
    }
}
