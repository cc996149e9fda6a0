import FieldworkBasics
import FieldworkPostgres
import Foundation

/// A supervisor's appointments on PostgreSQL: the list, and booking, moving and cancelling one,
/// with the same rules and audit rows as `SQLiteCaseStore+Appointments`.
extension PostgresCaseStore {
    public func appointmentListings(now: Date, bookedBy: String?, includeLater: Bool) throws -> [AppointmentListing] {
        let grace = Double(rules.hardAppointmentGraceMinutes * 60)
        return try transaction(now) { db, now in
            let dayEnd = rules.day(containing: now).end
            let t = now.timeIntervalSince1970
            var sql = """
                SELECT c.id, c.lease_holder, c.lease_expires, a.* FROM \(s).appointments a JOIN \(s).cases c ON c.seq = a.case_seq
                WHERE a.active AND c.appointment_id = a.id AND c.final_code IS NULL
                """
            var parameters: [PostgresParameter] = []
            if let bookedBy { sql += " AND a.set_by = $1"; parameters.append(.text(bookedBy)) }
            sql += " ORDER BY a.at, a.id"
            return try db.execute(sql, parameters).rows.compactMap { r -> AppointmentListing? in
                guard let start = r.text("start_local").flatMap(LocalDateTime.init) else { return nil }
                let kind = r.text("kind").flatMap(AppointmentKind.init(rawValue:)) ?? .hard
                let at = Self.date(r, "at")
                let until = Self.date(r, "until")
                let callableFrom = kind == .hard ? at.addingTimeInterval(-grace) : at
                let standing = AppointmentListing.standing(callableFrom: callableFrom, until: until, now: now, dayEnd: dayEnd)
                if standing == .later && !includeLater { return nil }
                let expires = r.text("lease_expires").flatMap(Double.init)
                return AppointmentListing(
                    caseID: r.text("id") ?? "", kind: kind, start: start, end: r.text("end_local").flatMap(LocalDateTime.init),
                    timeZoneID: r.text("time_zone") ?? "", at: at, until: until, bookedBy: r.text("set_by") ?? "",
                    bookedAt: Self.date(r, "set_at"), heldBy: (expires ?? 0) > t ? r.text("lease_holder") : nil, standing: standing)
            }
        }
    }

    @discardableResult
    public func bookAppointment(caseID: String, appointment: Appointment, by supervisor: String, reason: String,
                                now: Date) throws -> CaseAuditEntry {
        try changeAppointment(caseID: caseID, to: appointment, action: .bookAppointment, requireExisting: false,
                              by: supervisor, reason: reason, now: now)
    }

    @discardableResult
    public func moveAppointment(caseID: String, to appointment: Appointment, by supervisor: String, reason: String,
                                now: Date) throws -> CaseAuditEntry {
        try changeAppointment(caseID: caseID, to: appointment, action: .moveAppointment, requireExisting: true,
                              by: supervisor, reason: reason, now: now)
    }

    @discardableResult
    public func cancelAppointment(caseID: String, by supervisor: String, reason: String, now: Date) throws -> CaseAuditEntry {
        let (by, why) = try CaseChangeChecks.checkedAuditDetails(caseID: caseID, by: supervisor, reason: reason)
        return try transaction(now) { db, now in
            let t = now.timeIntervalSince1970
            try lockQuotas(db)
            guard let row = try fetchForUpdate(db, id: caseID) else { throw CaseStoreError.unknownCase(caseID) }
            try CaseChangeChecks.checkWorkable(row, by: by, at: t)
            guard row.appointmentID != nil else { throw CaseStoreError.noActiveAppointment(row.id) }
            let before = try appointmentText(db, row: row)
            let queue: PickReason = row.attempts == 0 ? .fresh : .retry
            let status: CaseStatus = row.attempts == 0 ? .fresh : .retry
            let seq = PostgresParameter.integer(Int(row.seq))
            try db.execute("UPDATE \(s).appointments SET active = false WHERE case_seq = $1 AND active", [seq])
            try db.execute("""
                UPDATE \(s).cases SET status = $1, tier = \(queue.tier), queue = \(queue.tier), due_at = $2::float8,
                    next_eligible_at = $2::float8, appointment_id = NULL, lease_holder = NULL, lease_expires = NULL
                WHERE seq = $3
                """, [.text(status.rawValue), Self.time(t), seq])
            try refreshInterimCodes(db, seqs: [Int(row.seq)])
            if !rules.quotas.isEmpty { try applyQuotaWithholding(db) }
            return try audit(db, caseSeq: row.seq, CaseAuditEntry(
                at: now, by: by, action: .cancelAppointment, reason: why, before: before,
                after: "no appointment; \(status.rawValue), callable from \(CaseChangeChecks.iso(t))"))
        }
    }

    /// The booked appointment of an open case, in words for the audit trail (as on SQLite).
    func appointmentText(_ db: PostgresConnection, row: CaseRow) throws -> String {
        guard let id = row.appointmentID,
              let r = try db.execute("SELECT * FROM \(s).appointments WHERE id = $1 AND active", [.integer(Int(id))]).rows.first
        else { return "no appointment" }
        let start = (r.text("start_local") ?? "").replacingOccurrences(of: "T", with: " ")
        let end = r.text("end_local").map { "–" + $0.replacingOccurrences(of: "T", with: " ") } ?? ""
        return "\(r.text("kind") ?? "") appointment \(start)\(end) \(r.text("time_zone") ?? "") (booked by \(r.text("set_by") ?? ""))"
    }

    private func changeAppointment(caseID: String, to appointment: Appointment, action: CaseAuditAction, requireExisting: Bool,
                                   by supervisor: String, reason: String, now: Date) throws -> CaseAuditEntry {
        let (by, why) = try CaseChangeChecks.checkedAuditDetails(caseID: caseID, by: supervisor, reason: reason)
        return try transaction(now) { db, now in
            let t = now.timeIntervalSince1970
            let scheduled: (callableFrom: Date, at: Date, until: Date)
            do { scheduled = try rules.schedule(appointment, now: now) } catch let problem as AppointmentProblem { throw CaseStoreError.appointment(problem) }
            guard let row = try fetchForUpdate(db, id: caseID) else { throw CaseStoreError.unknownCase(caseID) }
            try CaseChangeChecks.checkWorkable(row, by: by, at: t)
            if requireExisting && row.appointmentID == nil { throw CaseStoreError.noActiveAppointment(row.id) }
            let before = try appointmentText(db, row: row)
            let seq = PostgresParameter.integer(Int(row.seq))
            try db.execute("UPDATE \(s).appointments SET active = false WHERE case_seq = $1 AND active", [seq])
            let id = try insertAppointment(db, caseSeq: Int(row.seq), appointment: appointment, scheduled: scheduled, setBy: by, now: t)
            let tier = appointment.kind == .hard ? PickReason.hardAppointment.tier : PickReason.softAppointment.tier
            let interim = InterimDisposition.of(attempts: row.attempts, lastOutcome: row.lastOutcome, everEligible: row.everEligible,
                                                softRefusals: row.softRefusals, appointmentBooked: true, withheldByQuota: false)
            // A lease the supervisor does not hold has expired (checkWorkable refused a running one): clear it.
            try db.execute("""
                UPDATE \(s).cases SET status = $1, tier = $2, queue = $2, withheld = false, due_at = $3::float8,
                    next_eligible_at = $3::float8, appointment_id = $4, lease_holder = NULL, lease_expires = NULL, interim_code = $5
                WHERE seq = $6
                """, [.text(CaseStatus.appointment.rawValue), .integer(tier), Self.time(scheduled.callableFrom.timeIntervalSince1970),
                      .integer(id), .text(interim.disposition.code), seq])
            guard let after = try fetch(db, seq: Int(row.seq)) else { throw CaseStoreError.unknownCase(caseID) }
            return try audit(db, caseSeq: row.seq, CaseAuditEntry(
                at: now, by: by, action: action, reason: why, before: before, after: try appointmentText(db, row: after)))
        }
    }
}
