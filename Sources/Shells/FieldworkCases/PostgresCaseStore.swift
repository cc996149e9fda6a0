import FieldworkBasics
import FieldworkPostgres
import Foundation

/// The case store of one survey on PostgreSQL: the tables of `PostgresCaseSchema` in the survey's
/// schema, shared by every interviewer's process on every site.
///
/// Picking takes the case row with `SELECT … FOR UPDATE SKIP LOCKED` inside the transaction that
/// writes the lease, so two sessions never lease the same case and never wait for one another's
/// pick. The scheduling policy is `CallTransition`'s, exactly as on SQLite; this type only reads
/// and writes rows.
///
/// Times: with `clock: .server` (the default) every operation takes its instant from the server's
/// `clock_timestamp()`, so leases taken on different machines are compared on one clock and a
/// client with a wrong clock cannot steal or keep a lease; the `now` argument is then ignored.
/// With `.caller` the `now` argument is used, as on SQLite: for tests and for `FIELDWORK_NOW`.
///
/// Lease-only transactions (`nextCase`, `leaseCase`, `renewLease`, `releaseLease`) commit with
/// `synchronous_commit = off` by default (`LeaseCommit`): they do not wait for the server's disk
/// flush. A server crash can then lose a lease taken in the last fraction of a second, and the case
/// can be handed out again; the journal's lock and (case, seq) key, and the store refusing a call
/// from anyone but the lease holder (`CaseChangeChecks.checkWorkable`), keep that to one writer.
/// Recording a call and everything else stays synchronous. docs/postgresql.md, "Leases commit
/// without waiting for the disk", gives the reasoning.
public final class PostgresCaseStore: CaseAdministration, @unchecked Sendable {
    /// Whose clock an operation's instant comes from.
    public enum Clock: Sendable, Equatable {
        case server
        case caller
    }

    /// How a lease-only transaction (pick, lease, renew, release) is committed.
    public enum LeaseCommit: String, Sendable, Equatable {
        /// `SET LOCAL synchronous_commit = off`: the commit returns before the server's disk flush
        /// (the default; a server crash may forget the lease, never an answer or a call).
        case asynchronous
        /// Like every other transaction: the commit returns after the flush.
        case synchronous
    }

    public let rules: SchedulingRules
    public let schemaName: String
    public let clock: Clock
    public let leaseCommit: LeaseCommit
    let connection: PostgresConnection
    /// One transaction at a time on the shared connection (its statements are serialised, not its transactions).
    private let transactionLock = NSLock()

    /// Opens the case store of survey `schema` on `connection`, creating its tables when missing.
    /// Quota counts and withholding are rebuilt when the quota rules differ from those last applied.
    public init(connection: PostgresConnection, schema: String, rules: SchedulingRules = SchedulingRules(),
                clock: Clock = .server, leaseCommit: LeaseCommit = .asynchronous) throws {
        if let problem = rules.problems.first { throw CaseStoreError.invalidConfiguration(problem) }
        self.rules = rules
        self.schemaName = try PostgresCaseSchema.checkedName(schema)
        self.clock = clock
        self.leaseCommit = leaseCommit
        self.connection = connection
        // Created only when missing, so a role without the right to create (an interviewer's) can open it.
        try database {
            let exists = try connection.execute("SELECT to_regclass($1) IS NOT NULL AS present", [.text("\"\(schemaName)\".\(PostgresCaseSchema.newestTable)")])
            if exists.rows.first?.boolean("present") != true {
                try connection.executeScript(PostgresCaseSchema.script(schema: schemaName))
            }
        }
        try transaction(Date()) { db, _ in try refreshQuotasIfRulesChanged(db) }
    }

    /// The SQL that creates the case tables in survey schema `schema` when missing (for
    /// `fieldwork store roles`, which then grants the survey's roles their rights on them).
    public static func tablesScript(schema: String) throws -> String {
        PostgresCaseSchema.script(schema: try PostgresCaseSchema.checkedName(schema))
    }

    var s: String { "\"\(schemaName)\"" }

    // MARK: Import

    public func importCases(_ sample: ParsedSample, now: Date) throws -> ImportSummary {
        try importCases(sample, replicate: nil, now: now)
    }

    /// Imports the sample; with a `replicate` number the new cases wait, never offered and in no
    /// response rate, until `releaseReplicate` releases that replicate (as on SQLite).
    public func importCases(_ sample: ParsedSample, replicate: Int?, now: Date) throws -> ImportSummary {
        if let replicate, replicate < 1 { throw CaseStoreError.invalidReplicate(replicate) }
        return try transaction(now) { db, now in
            try lockQuotas(db)
            let stamp = now.timeIntervalSince1970
            var tally = CaseImportTally()
            let released = replicate == nil
            for sampleCase in sample.cases {
                let json = FieldsJSON.encode(sampleCase.fields)
                let existing = try db.execute("SELECT fields FROM \(s).cases WHERE id = $1", [.text(sampleCase.id)])
                guard try tally.shouldInsert(sampleCase, json: json, storedFields: existing.isEmpty ? nil : existing[0].text("fields"),
                                             storedUnderOtherLetterCase: {
                    let other = try db.execute("SELECT id FROM \(s).cases WHERE lower(id) = lower($1) LIMIT 1", [.text(sampleCase.id)])
                    return other.isEmpty ? nil : other[0].text("id")
                }) else { continue }
                try db.execute("""
                    INSERT INTO \(s).cases (id, fields, status, tier, queue, due_at, next_eligible_at, imported_at, import_source,
                                            interim_code, replicate, released)
                    VALUES ($1, $2, '\(CaseStatus.fresh.rawValue)', \(PickReason.fresh.tier), \(released ? "\(PickReason.fresh.tier)" : "NULL"),
                            0, 0, $3::float8, $4, \(released ? "'\(AAPORDisposition.notAttempted.code)'" : "NULL"), $5, \(released))
                    """, [.text(sampleCase.id), .text(json), Self.time(stamp), .text(sample.source), Self.optional(replicate)])
                tally.inserted()
            }
            let summary = try tally.summary(source: sample.source)
            if !rules.quotas.isEmpty { try applyQuotaWithholding(db) }
            return summary
        }
    }

    // MARK: Picking and leasing

    public func nextCase(for interviewer: String, now: Date) throws -> CaseLease? {
        let interviewer = try checkedInterviewer(interviewer)
        return try transaction(now, synchronous: leaseCommit == .synchronous) { db, now -> CaseLease? in
            let t = now.timeIntervalSince1970
            try returnClosedSoftWindowsToRetry(db, at: t)
            let expires = t + Double(rules.leaseMinutes * 60)
            guard let (row, preloadJSON) = try pickAndLease(db, interviewer: interviewer, at: t, expires: expires,
                                                            callingTime: rules.isCallingTime(now),
                                                            partBit: rules.partOfDay(now).bit) else { return nil }
            return try lease(db, row: row, interviewer: interviewer, expires: expires, preload: FieldsJSON.decode(preloadJSON ?? "{}"))
        }
    }

    /// Picks the first due case in queue order and leases it, in one statement: each queue's
    /// oldest due, unlocked case is a CTE with `FOR UPDATE SKIP LOCKED`; their `UNION ALL … LIMIT
    /// 1` reads them in order and stops at the first that yields a row, so later queues are not
    /// searched and no other row is locked. The `UPDATE … RETURNING` writes the lease and returns
    /// the row with its preload values as one JSON object.
    ///
    /// Inside calling hours the order is hard appointments, soft appointments, fresh cases, then
    /// retries (those not yet tried in the current part of the day first); outside them only hard
    /// appointments still at their time and due soft appointments, as on SQLite.
    private func pickAndLease(_ db: PostgresConnection, interviewer: String, at t: Double, expires: Double,
                              callingTime: Bool, partBit: Int) throws -> (row: CaseRow, preloadJSON: String?)? {
        let hard = PickReason.hardAppointment.tier, soft = PickReason.softAppointment.tier
        var queues: [String] = []
        if callingTime {
            queues.append("""
                SELECT seq FROM \(s).cases WHERE queue = \(hard) AND next_eligible_at <= $1::float8
                ORDER BY next_eligible_at, seq LIMIT 1 FOR UPDATE SKIP LOCKED
                """)
        } else {
            queues.append("""
                SELECT c.seq FROM \(s).cases c JOIN \(s).appointments a ON a.id = c.appointment_id
                WHERE c.queue = \(hard) AND c.next_eligible_at <= $1::float8 AND a.until >= $1::float8
                ORDER BY c.next_eligible_at, c.seq LIMIT 1 FOR UPDATE OF c SKIP LOCKED
                """)
        }
        queues.append("""
            SELECT seq FROM \(s).cases WHERE queue = \(soft) AND next_eligible_at <= $1::float8
            ORDER BY next_eligible_at, seq LIMIT 1 FOR UPDATE SKIP LOCKED
            """)
        if callingTime {
            queues.append("""
                SELECT seq FROM \(s).cases WHERE queue = \(PickReason.fresh.tier) AND next_eligible_at <= $1::float8
                ORDER BY next_eligible_at, seq LIMIT 1 FOR UPDATE SKIP LOCKED
                """)
            queues.append("""
                SELECT seq FROM \(s).cases WHERE queue = \(PickReason.retry.tier) AND next_eligible_at <= $1::float8
                ORDER BY (tried_parts & \(partBit)) <> 0, next_eligible_at, seq LIMIT 1 FOR UPDATE SKIP LOCKED
                """)
        }
        let ctes = queues.enumerated().map { "q\($0.offset) AS MATERIALIZED (\($0.element))" }.joined(separator: ",\n")
        let order = queues.indices.map { "SELECT seq FROM q\($0)" }.joined(separator: " UNION ALL ")
        let rows = try db.execute("""
            WITH \(ctes),
            picked AS (\(order) LIMIT 1)
            UPDATE \(s).cases c SET lease_holder = $2, lease_expires = $3::float8, next_eligible_at = $3::float8
            WHERE c.seq = (SELECT seq FROM picked)
            RETURNING c.*, (SELECT json_object_agg(p.name, p.value) FROM \(s).preload_values p WHERE p.case_seq = c.seq)::text AS preload_json
            """, [Self.time(t), .text(interviewer), Self.time(expires)])
        guard let first = rows.rows.first else { return nil }
        return (CaseRow(first), first.text("preload_json"))
    }

    public func leaseCase(id: String, interviewer: String, now: Date) throws -> CaseLease {
        let interviewer = try checkedInterviewer(interviewer)
        return try transaction(now, synchronous: leaseCommit == .synchronous) { db, now -> CaseLease in
            let t = now.timeIntervalSince1970
            guard let row = try fetchForUpdate(db, id: id) else { throw CaseStoreError.unknownCase(id) }
            return try leaseLocked(db, row: row, interviewer: interviewer, at: t)
        }
    }

    /// `leaseCase` on a row already locked in this transaction (a supervisor's assignment audits it in the same one).
    func leaseLocked(_ db: PostgresConnection, row: CaseRow, interviewer: String, at t: Double) throws -> CaseLease {
        try CaseChangeChecks.checkWorkable(row, by: interviewer, at: t)
        let expires = t + Double(rules.leaseMinutes * 60)
        try db.execute("""
            UPDATE \(s).cases SET lease_holder = $1, lease_expires = $2::float8, next_eligible_at = GREATEST($2::float8, due_at)
            WHERE seq = $3
            """, [.text(interviewer), Self.time(expires), .integer(Int(row.seq))])
        return try lease(db, row: row, interviewer: interviewer, expires: expires)
    }

    public func renewLease(caseID: String, interviewer: String, now: Date) throws -> Date {
        let interviewer = try checkedInterviewer(interviewer)
        return try transaction(now, synchronous: leaseCommit == .synchronous) { db, now -> Date in
            let expires = now.timeIntervalSince1970 + Double(rules.leaseMinutes * 60)
            guard let row = try fetchForUpdate(db, id: caseID) else { throw CaseStoreError.unknownCase(caseID) }
            guard row.leaseHolder == interviewer, row.finalCode == nil else {
                throw CaseStoreError.notLeaseHolder(caseID: caseID, interviewer: interviewer)
            }
            try db.execute("UPDATE \(s).cases SET lease_expires = $1::float8, next_eligible_at = GREATEST($1::float8, due_at) WHERE seq = $2",
                           [Self.time(expires), .integer(Int(row.seq))])
            return Date(timeIntervalSince1970: expires)
        }
    }

    public func releaseLease(caseID: String, interviewer: String, now: Date) throws {
        let interviewer = try checkedInterviewer(interviewer)
        try transaction(now, synchronous: leaseCommit == .synchronous) { db, _ in
            guard let row = try fetchForUpdate(db, id: caseID) else { throw CaseStoreError.unknownCase(caseID) }
            guard row.leaseHolder == interviewer else {
                throw CaseStoreError.notLeaseHolder(caseID: caseID, interviewer: interviewer)
            }
            try db.execute("UPDATE \(s).cases SET lease_holder = NULL, lease_expires = NULL, next_eligible_at = due_at WHERE seq = $1",
                           [.integer(Int(row.seq))])
        }
    }

    /// Soft appointments whose window closed without a call go back to the retry queue (as on SQLite).
    private func returnClosedSoftWindowsToRetry(_ db: PostgresConnection, at t: Double) throws {
        let closed = try db.execute("""
            SELECT c.seq FROM \(s).cases c JOIN \(s).appointments a ON a.id = c.appointment_id
            WHERE c.queue = \(PickReason.softAppointment.tier) AND c.next_eligible_at <= $1::float8 AND a.until < $1::float8
            FOR UPDATE OF c SKIP LOCKED
            """, [Self.time(t)])
        let retry = PickReason.retry.tier
        for seq in closed.rows.compactMap({ $0.integer("seq") }) {
            try db.execute("UPDATE \(s).appointments SET active = false WHERE case_seq = $1 AND active", [.integer(seq)])
            try db.execute("""
                UPDATE \(s).cases SET status = $1, tier = \(retry), queue = CASE WHEN withheld THEN NULL ELSE \(retry) END,
                    appointment_id = NULL WHERE seq = $2
                """, [.text(CaseStatus.retry.rawValue), .integer(seq)])
            guard let row = try fetch(db, seq: seq) else { continue }
            try db.execute("UPDATE \(s).cases SET interim_code = $1 WHERE seq = $2",
                           [.text(row.interim.disposition.code), .integer(seq)])
        }
    }

    /// The lease handed to the interviewer; `preload` when the caller already has the case's preload values.
    private func lease(_ db: PostgresConnection, row: CaseRow, interviewer: String, expires: Double,
                       preload: [String: String]? = nil) throws -> CaseLease {
        CaseLease(
            caseID: row.id, interviewer: interviewer, expiresAt: Date(timeIntervalSince1970: expires),
            reason: PickReason(tier: row.tier ?? PickReason.fresh.tier) ?? .fresh, status: row.status, attempts: row.attempts,
            fields: FieldsJSON.decode(row.fields),
            appointment: try row.appointmentID.flatMap { try appointment(db, id: Int($0))?.appointment },
            preload: try preload ?? preloadValues(db, caseSeq: Int(row.seq)))
    }

    // MARK: Recording calls

    public func recordAttempt(_ attempt: CallAttemptInput, now: Date) throws -> AttemptResult {
        let interviewer = try checkedInterviewer(attempt.interviewer)
        let outcome = attempt.outcome
        if outcome.requiresAppointment, attempt.appointment == nil {
            throw CaseStoreError.appointment(.appointmentMissing(outcome))
        }
        var scheduledAt: Date?
        var result = try transaction(now) { db, now -> AttemptResult in
            let t = now.timeIntervalSince1970
            var scheduled: (callableFrom: Date, at: Date, until: Date)?
            if outcome.requiresAppointment, let appointment = attempt.appointment {
                do { scheduled = try rules.schedule(appointment, now: now) } catch let problem as AppointmentProblem { throw CaseStoreError.appointment(problem) }
                scheduledAt = scheduled?.at
            }
            try lockQuotas(db)
            guard let row = try fetchForUpdate(db, id: attempt.caseID) else { throw CaseStoreError.unknownCase(attempt.caseID) }
            try CaseChangeChecks.checkWorkable(row, by: interviewer, at: t)
            let standing = CallTransition.Standing(attempts: row.attempts, triedParts: row.triedParts, everEligible: row.everEligible,
                                                   softRefusals: row.softRefusals, withheld: row.withheld)
            var booked: CallTransition.BookedAppointment?
            if let scheduled, let appointment = attempt.appointment {
                booked = CallTransition.BookedAppointment(kind: appointment.kind, callableFrom: scheduled.callableFrom)
            }
            let part = rules.partOfDay(now)
            let next = CallTransition.after(standing, outcome: outcome, part: part, appointment: booked,
                                            dispositionRule: attempt.dispositionRule, rules: rules, now: now)
            let seq = PostgresParameter.integer(Int(row.seq))
            try db.execute("UPDATE \(s).appointments SET active = false WHERE case_seq = $1 AND active", [seq])
            var appointmentID: Int?
            if next.booksAppointment, let scheduled, let appointment = attempt.appointment {
                appointmentID = try insertAppointment(db, caseSeq: Int(row.seq), appointment: appointment, scheduled: scheduled,
                                                      setBy: interviewer, now: t)
            }
            let dueAt = next.dueAt.timeIntervalSince1970
            try db.execute("""
                INSERT INTO \(s).attempts (case_seq, number, at, interviewer, outcome, note, part_of_day, resulting_status,
                                           final_code, disposition_rule)
                VALUES ($1, $2, $3::float8, $4, $5, $6, $7, $8, $9, $10)
                """, [seq, .integer(next.standing.attempts), Self.time(t), .text(interviewer), .text(outcome.rawValue),
                      .text(attempt.note), .text(part.rawValue), .text(next.status.rawValue), Self.optional(next.finalDisposition?.code),
                      Self.optional(next.rule)])
            try db.execute("""
                UPDATE \(s).cases SET status = $1, final_code = $2, tier = $3, queue = $4, due_at = $5::float8,
                    next_eligible_at = $5::float8, tried_parts = $6, attempts = $7, ever_eligible = $8, soft_refusals = $9,
                    lease_holder = NULL, lease_expires = NULL, appointment_id = $10, last_outcome = $11, interim_code = $12
                WHERE seq = $13
                """, [.text(next.status.rawValue), Self.optional(next.finalDisposition?.code), Self.optional(next.tier),
                      Self.optional(next.queue), Self.time(dueAt), .integer(next.standing.triedParts), .integer(next.standing.attempts),
                      .boolean(next.standing.everEligible), .integer(next.standing.softRefusals), Self.optional(appointmentID),
                      .text(outcome.rawValue), Self.optional(next.interimCode), seq])
            if next.finalDisposition == .complete, !rules.quotas.isEmpty {
                try countComplete(db, fields: FieldsJSON.decode(row.fields))
            }
            return AttemptResult(status: next.status, finalDisposition: next.finalDisposition,
                                 nextCallableAt: next.finalDisposition == nil ? next.dueAt : nil,
                                 finalisedByAttemptLimit: next.finalisedByAttemptLimit)
        }
        if let scheduledAt, let appointment = attempt.appointment {
            result.notice = AppointmentNotice.repeatedTime(appointment, bookedAt: scheduledAt)
        }
        return result
    }

    public func setAppointment(caseID: String, appointment: Appointment, setBy: String, now: Date) throws {
        let setBy = try checkedInterviewer(setBy)
        try transaction(now) { db, now in
            let t = now.timeIntervalSince1970
            let scheduled: (callableFrom: Date, at: Date, until: Date)
            do { scheduled = try rules.schedule(appointment, now: now) } catch let problem as AppointmentProblem { throw CaseStoreError.appointment(problem) }
            guard let row = try fetchForUpdate(db, id: caseID) else { throw CaseStoreError.unknownCase(caseID) }
            try CaseChangeChecks.checkWorkable(row, by: setBy, at: t)
            let seq = PostgresParameter.integer(Int(row.seq))
            try db.execute("UPDATE \(s).appointments SET active = false WHERE case_seq = $1 AND active", [seq])
            let id = try insertAppointment(db, caseSeq: Int(row.seq), appointment: appointment, scheduled: scheduled, setBy: setBy, now: t)
            let tier = appointment.kind == .hard ? PickReason.hardAppointment.tier : PickReason.softAppointment.tier
            let interim = InterimDisposition.of(attempts: row.attempts, lastOutcome: row.lastOutcome, everEligible: row.everEligible,
                                                softRefusals: row.softRefusals, appointmentBooked: true, withheldByQuota: false)
            try db.execute("""
                UPDATE \(s).cases SET status = $1, tier = $2, queue = $2, due_at = $3::float8, next_eligible_at = $3::float8,
                    appointment_id = $4, lease_holder = NULL, lease_expires = NULL, interim_code = $5
                WHERE seq = $6
                """, [.text(CaseStatus.appointment.rawValue), .integer(tier), Self.time(scheduled.callableFrom.timeIntervalSince1970),
                      .integer(id), .text(interim.disposition.code), seq])
        }
    }

    func insertAppointment(_ db: PostgresConnection, caseSeq: Int, appointment: Appointment,
                                   scheduled: (callableFrom: Date, at: Date, until: Date), setBy: String, now: Double) throws -> Int {
        let rows = try db.execute("""
            INSERT INTO \(s).appointments (case_seq, kind, start_local, end_local, time_zone, at, until, set_by, set_at, active)
            VALUES ($1, $2, $3, $4, $5, $6::float8, $7::float8, $8, $9::float8, true) RETURNING id
            """, [.integer(caseSeq), .text(appointment.kind.rawValue), .text(appointment.start.description),
                  Self.optional(appointment.end?.description), .text(appointment.timeZoneID),
                  Self.time(scheduled.at.timeIntervalSince1970), Self.time(scheduled.until.timeIntervalSince1970), .text(setBy), Self.time(now)])
        guard let id = rows.rows.first?.integer("id") else { throw CaseStoreError.database("the server returned no appointment id") }
        return id
    }

    // MARK: Reading

    public func caseDetail(id: String) throws -> CaseDetail? {
        try transaction(Date()) { db, _ -> CaseDetail? in
            guard let row = try db.execute("SELECT * FROM \(s).cases WHERE id = $1", [.text(id)]).rows.first.map(CaseRow.init) else {
                return nil
            }
            let seq = PostgresParameter.integer(Int(row.seq))
            let attempts = try db.execute("SELECT * FROM \(s).attempts WHERE case_seq = $1 ORDER BY number", [seq]).rows.map { r in
                CallAttempt(
                    number: r.integer("number") ?? 0, at: Self.date(r, "at"), interviewer: r.text("interviewer") ?? "",
                    outcome: r.text("outcome").flatMap(CallOutcome.init(rawValue:)) ?? .noAnswer, note: r.text("note") ?? "",
                    partOfDay: r.text("part_of_day").flatMap(PartOfDay.init(rawValue:)) ?? .morning,
                    resultingStatus: r.text("resulting_status").flatMap(CaseStatus.init(rawValue:)) ?? .retry,
                    finalDisposition: r.text("final_code").map(AAPORDisposition.forCode),
                    dispositionRule: r.text("disposition_rule"))
            }
            let finalisations = try db.execute("SELECT * FROM \(s).finalisations WHERE case_seq = $1 ORDER BY id", [seq]).rows.map { r in
                CaseFinalisation(at: Self.date(r, "at"), disposition: .forCode(r.text("final_code") ?? ""), rule: r.text("rule") ?? "",
                                 finalisedBy: r.text("finalised_by") ?? "")
            }
            let appointments = try db.execute("SELECT * FROM \(s).appointments WHERE case_seq = $1 ORDER BY id", [seq]).rows
                .compactMap(Self.storedAppointment)
            let hasLease = row.leaseHolder != nil && row.leaseExpires != nil
            var detail = CaseDetail(
                caseID: row.id, fields: FieldsJSON.decode(row.fields), status: row.status,
                finalDisposition: row.finalCode.map(AAPORDisposition.forCode), attempts: attempts,
                appointments: appointments, everEligible: row.everEligible, withheldByQuota: row.withheld && row.finalCode == nil,
                leaseHolder: hasLease ? row.leaseHolder : nil,
                leaseExpiresAt: hasLease ? row.leaseExpires.map { Date(timeIntervalSince1970: $0) } : nil,
                nextCallableAt: row.finalCode == nil ? Date(timeIntervalSince1970: row.dueAt > 0 ? row.dueAt : row.importedAt) : nil,
                importedAt: Date(timeIntervalSince1970: row.importedAt), importSource: row.importSource,
                interimDisposition: row.finalCode == nil ? .forCode(row.interimCode ?? row.interim.disposition.code) : nil,
                finalRule: row.finalCode == nil ? nil : CaseChangeChecks.latestFinalRule(finalisations: finalisations, attempts: attempts),
                finalisations: finalisations, preload: try preloadValues(db, caseSeq: Int(row.seq)),
                audit: try auditEntries(db, caseSeq: row.seq))
            detail.replicate = row.replicate
            detail.released = row.released
            if !row.released { detail.interimDisposition = nil; detail.nextCallableAt = nil }
            return detail
        }
    }

    public func statusCounts(now: Date) throws -> StatusCounts {
        try transaction(now) { db, now -> StatusCounts in
            let t = Self.time(now.timeIntervalSince1970)
            let (dayStart, dayEnd) = rules.day(containing: now)
            var byStatus: [CaseStatus: Int] = [:]
            for r in try db.execute("SELECT status, COUNT(*) AS n FROM \(s).cases WHERE released GROUP BY status").rows {
                if let status = r.text("status").flatMap(CaseStatus.init(rawValue:)) { byStatus[status] = r.integer("n") }
            }
            var byDisposition: [AAPORDisposition: Int] = [:]
            for r in try db.execute("SELECT final_code, COUNT(*) AS n FROM \(s).cases WHERE final_code IS NOT NULL GROUP BY final_code").rows {
                byDisposition[.forCode(r.text("final_code") ?? "")] = r.integer("n")
            }
            var byInterim: [AAPORDisposition: Int] = [:]
            for r in try db.execute("SELECT interim_code, COUNT(*) AS n FROM \(s).cases WHERE interim_code IS NOT NULL GROUP BY interim_code").rows {
                if let code = r.text("interim_code") { byInterim[.forCode(code)] = r.integer("n") }
            }
            func count(_ sql: String, _ parameters: [PostgresParameter] = []) throws -> Int {
                try db.execute(sql, parameters).rows.first?.integer("n") ?? 0
            }
            let total = try count("SELECT COUNT(*) AS n FROM \(s).cases")
            let withheld = try count("SELECT COUNT(*) AS n FROM \(s).cases WHERE withheld AND final_code IS NULL")
            let leased = try count("SELECT COUNT(*) AS n FROM \(s).cases WHERE lease_holder IS NOT NULL AND lease_expires > $1::float8", [t])
            let dueToday = try count("""
                SELECT COUNT(*) AS n FROM \(s).appointments a JOIN \(s).cases c ON c.appointment_id = a.id
                WHERE a.active AND c.final_code IS NULL AND a.at >= $1::float8 AND a.at < $2::float8
                """, [Self.time(dayStart.timeIntervalSince1970), Self.time(dayEnd.timeIntervalSince1970)])
            var counts = StatusCounts(total: total, byStatus: byStatus, byDisposition: byDisposition, withheldByQuota: withheld,
                                      leased: leased, appointmentsDueToday: dueToday, quotaCells: try quotaCells(db),
                                      byInterimDisposition: byInterim, waveClosedAt: try waveClosedAt(db))
            counts.unreleased = try count("SELECT COUNT(*) AS n FROM \(s).cases WHERE NOT released")
            return counts
        }
    }

    public func nextAppointment(now: Date) throws -> UpcomingAppointment? {
        try transaction(now) { db, now -> UpcomingAppointment? in
            guard let r = try db.execute("""
                SELECT a.at, a.kind, c.id FROM \(s).appointments a JOIN \(s).cases c ON c.seq = a.case_seq
                WHERE a.active AND c.appointment_id = a.id AND c.final_code IS NULL
                  AND (c.lease_expires IS NULL OR c.lease_expires <= $1::float8)
                ORDER BY a.at, a.id LIMIT 1
                """, [Self.time(now.timeIntervalSince1970)]).rows.first else { return nil }
            return UpcomingAppointment(caseID: r.text("id") ?? "", kind: r.text("kind").flatMap(AppointmentKind.init(rawValue:)) ?? .hard,
                                       at: Self.date(r, "at"))
        }
    }

    // MARK: Closing the wave

    func waveClosedAt(_ db: PostgresConnection) throws -> Date? {
        try db.execute("SELECT value FROM \(s).case_meta WHERE key = $1", [.text(SQLiteCaseStore.waveClosedKey)]).rows.first?
            .text("value").flatMap(Double.init).map { Date(timeIntervalSince1970: $0) }
    }

    public func closeWave(now: Date, again: Bool = false) throws -> WaveClosing {
        try transaction(now) { db, now -> WaveClosing in
            let t = now.timeIntervalSince1970
            // Every case row is locked, so no lease is taken or call recorded while the wave closes.
            let all = try db.execute("SELECT * FROM \(s).cases ORDER BY seq FOR UPDATE").rows.map(CaseRow.init)
            let previous = try waveClosedAt(db)
            guard !all.isEmpty else {
                return WaveClosing(closedAt: nil, previousClosingAt: previous, casesInStore: 0, alreadyFinal: 0, assigned: [:])
            }
            if let previous, !again { throw CaseStoreError.waveAlreadyClosed(at: previous) }
            let leased = all.filter { $0.finalCode == nil && $0.leaseHolder != nil && ($0.leaseExpires ?? 0) > t }
                .map { LeaseHolding(caseID: $0.id, holder: $0.leaseHolder ?? "") }
            guard leased.isEmpty else { throw CaseStoreError.casesUnderLease(leased) }
            let open = all.filter { $0.finalCode == nil && $0.released }
            var assigned: [AAPORDisposition: Int] = [:]
            for row in open {
                let interim = row.interim
                let code = interim.disposition
                let seq = PostgresParameter.integer(Int(row.seq))
                try db.execute("""
                    UPDATE \(s).cases SET status = $1, final_code = $2, tier = NULL, queue = NULL, interim_code = NULL,
                        lease_holder = NULL, lease_expires = NULL WHERE seq = $3
                    """, [.text(CaseStatus.forFinal(code).rawValue), .text(code.code), seq])
                try db.execute("""
                    INSERT INTO \(s).finalisations (case_seq, at, final_code, rule, finalised_by) VALUES ($1, $2::float8, $3, $4, 'close-wave')
                    """, [seq, Self.time(t), .text(code.code), .text("close-wave: \(interim.reason) → \(code.code)")])
                try db.execute("UPDATE \(s).appointments SET active = false WHERE case_seq = $1 AND active", [seq])
                assigned[code, default: 0] += 1
            }
            try db.execute("""
                INSERT INTO \(s).case_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value
                """, [.text(SQLiteCaseStore.waveClosedKey), .text(String(t))])
            let unreleased = all.filter { !$0.released }.count
            return WaveClosing(closedAt: now, previousClosingAt: previous, casesInStore: all.count,
                               alreadyFinal: all.count - open.count - unreleased, assigned: assigned)
        }
    }

    // MARK: Plumbing

    func fetchForUpdate(_ db: PostgresConnection, id: String) throws -> CaseRow? {
        try db.execute("SELECT * FROM \(s).cases WHERE id = $1 FOR UPDATE", [.text(id)]).rows.first.map(CaseRow.init)
    }

    func fetch(_ db: PostgresConnection, seq: Int) throws -> CaseRow? {
        try db.execute("SELECT * FROM \(s).cases WHERE seq = $1", [.integer(seq)]).rows.first.map(CaseRow.init)
    }

    func appointment(_ db: PostgresConnection, id: Int) throws -> StoredAppointment? {
        try db.execute("SELECT * FROM \(s).appointments WHERE id = $1", [.integer(id)]).rows.first.flatMap(Self.storedAppointment)
    }

    static func storedAppointment(_ r: PostgresRow) -> StoredAppointment? {
        guard let start = r.text("start_local").flatMap(LocalDateTime.init) else { return nil }
        let appointment = Appointment(kind: r.text("kind").flatMap(AppointmentKind.init(rawValue:)) ?? .hard, start: start,
                                      end: r.text("end_local").flatMap(LocalDateTime.init), timeZoneID: r.text("time_zone") ?? "Europe/London")
        return StoredAppointment(appointment: appointment, at: date(r, "at"), until: date(r, "until"), setBy: r.text("set_by") ?? "",
                                 setAt: date(r, "set_at"), active: r.boolean("active") ?? false)
    }

    func checkedInterviewer(_ name: String) throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw CaseStoreError.invalidInterviewer("an interviewer id is required") }
        return trimmed
    }

    /// Runs `body` in one transaction with the operation's instant: the server's clock, or
    /// `callerNow` (see `Clock`). Reconnects first when the session was lost. With `synchronous`
    /// false (lease-only transactions, see `LeaseCommit`) the transaction is begun with `SET LOCAL
    /// synchronous_commit = off`, sent with BEGIN in one round trip, so its commit does not wait
    /// for the disk.
    func transaction<T>(_ callerNow: Date, synchronous: Bool = true, _ body: (PostgresConnection, Date) throws -> T) throws -> T {
        try database {
            transactionLock.lock()
            defer { transactionLock.unlock() }
            // A session the network or the server dropped is reopened before anything is begun on
            // it, so the store works again once the server is back. Only BEGIN is retried: nothing
            // of the operation had been sent, and a transaction open when the connection died was
            // rolled back by the server.
            if !connection.isConnected { try connection.reconnect() }
            let begin = synchronous ? "BEGIN" : "BEGIN; SET LOCAL synchronous_commit = off"
            do {
                try connection.executeScript(begin)
            } catch PostgresError.connectionLost {
                try connection.reconnect()
                try connection.executeScript(begin)
            }
            do {
                let now: Date
                switch clock {
                case .caller: now = callerNow
                case .server:
                    let text = try connection.execute("SELECT extract(epoch FROM clock_timestamp())::float8 AS t").rows.first?.text("t")
                    guard let seconds = text.flatMap(Double.init) else {
                        throw CaseStoreError.invalidClock("the PostgreSQL server did not report its time")
                    }
                    now = Date(timeIntervalSince1970: seconds)
                }
                let value = try body(connection, now)
                try connection.execute("COMMIT")
                return value
            } catch {
                _ = try? connection.execute("ROLLBACK")
                throw error
            }
        }
    }

    /// Turns the client's errors into the case store's.
    func database<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as PostgresError {
            throw CaseStoreError.database("\(connection.url.text) (survey \(schemaName)): \(error)")
        }
    }

    /// An instant in seconds since 1970, sent as text and cast to `float8` (Swift's shortest round-trip form, exact).
    static func time(_ seconds: Double) -> PostgresParameter { .text(String(seconds)) }

    static func optional(_ text: String?) -> PostgresParameter { text.map(PostgresParameter.text) ?? .null }
    static func optional(_ number: Int?) -> PostgresParameter { number.map(PostgresParameter.integer) ?? .null }

    static func date(_ r: PostgresRow, _ column: String) -> Date {
        Date(timeIntervalSince1970: r.text(column).flatMap(Double.init) ?? 0)
    }
}
