import FieldworkBasics
import Foundation
import GRDB

/// The case store of one survey: `<surveydir>/cases.sqlite`, shared by every interviewer's process.
///
/// WAL mode lets sessions read while one writes; every change is a single IMMEDIATE write transaction,
/// so SQLite's writer lock serialises pick-and-lease across processes and no case is handed out twice.
public final class SQLiteCaseStore: CaseAdministration {
    /// File name of the store inside a survey directory.
    public static let fileName = "cases.sqlite"

    public let rules: SchedulingRules
    public let path: String
    private let pool: DatabasePool

    /// Opens (creating if needed) the store at `path`. `busyTimeout` is how long a writer waits for
    /// another process's transaction before failing; picks take milliseconds, so the default is ample.
    public init(path: String, rules: SchedulingRules = SchedulingRules(), busyTimeout: TimeInterval = 30) throws {
        if let problem = rules.problems.first { throw CaseStoreError.invalidConfiguration(problem) }
        self.rules = rules
        self.path = path
        var config = Configuration()
        config.busyMode = .timeout(busyTimeout)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        if let problem = CaseStoreFileMode.secure(databasePath: path) { throw CaseStoreError.database(problem) }
        do {
            pool = try DatabasePool(path: path, configuration: config)
            try CaseDatabaseSchema.migrator().migrate(pool)
            try pool.write { db in try self.refreshQuotasIfRulesChanged(db) }
        } catch let error as DatabaseError {
            throw CaseStoreError.database("\(path): \(error.message ?? error.description)")
        }
    }

    /// Opens `<directory>/cases.sqlite`.
    public convenience init(surveyDirectory directory: URL, rules: SchedulingRules = SchedulingRules()) throws {
        try self.init(path: directory.appendingPathComponent(Self.fileName).path, rules: rules)
    }

    // MARK: Import

    public func importCases(_ sample: ParsedSample, now: Date) throws -> ImportSummary {
        try importCases(sample, replicate: nil, now: now)
    }

    /// Imports the sample; with a `replicate` number the new cases are held back (never offered, not in
    /// the response rates) until `releaseReplicate` releases that replicate. Without one they are
    /// released at once, as before replicates existed.
    public func importCases(_ sample: ParsedSample, replicate: Int?, now: Date) throws -> ImportSummary {
        if let replicate, replicate < 1 { throw CaseStoreError.invalidReplicate(replicate) }
        let stamp = now.timeIntervalSince1970
        return try write { db in
            var tally = CaseImportTally()
            let existing = try db.makeStatement(sql: "SELECT fields FROM cases WHERE id = ?")
            let sameIgnoringCase = try db.makeStatement(sql: "SELECT id FROM cases WHERE id = ? COLLATE NOCASE LIMIT 1")
            let insert = try db.makeStatement(sql: """
                INSERT INTO cases (id, fields, status, tier, queue, due_at, next_eligible_at, imported_at, import_source, interim_code,
                                   replicate, released)
                VALUES (?, ?, '\(CaseStatus.fresh.rawValue)', 2, \(replicate == nil ? "2" : "NULL"), 0, 0, ?, ?,
                        \(replicate == nil ? "'\(AAPORDisposition.notAttempted.code)'" : "NULL"), ?, \(replicate == nil ? 1 : 0))
                """)
            for sampleCase in sample.cases {
                let json = FieldsJSON.encode(sampleCase.fields)
                guard try tally.shouldInsert(sampleCase, json: json, storedFields: String.fetchOne(existing, arguments: [sampleCase.id]),
                                             storedUnderOtherLetterCase: { try String.fetchOne(sameIgnoringCase, arguments: [sampleCase.id]) })
                else { continue }
                try insert.execute(arguments: [sampleCase.id, json, stamp, sample.source, replicate])
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
        let t = now.timeIntervalSince1970
        let callingTime = rules.isCallingTime(now)
        let partBit = rules.partOfDay(now).bit
        return try write { db -> CaseLease? in
            var picked: Int64?
            // Appointments override calling hours at their time (a hard one's grace window, a soft
            // one's window). A missed hard appointment waits for calling hours; a soft one whose
            // window closed goes back to the retry queue.
            try Self.returnClosedSoftWindowsToRetry(db, at: t)
            picked = callingTime
                ? try Self.firstDue(db, tier: PickReason.hardAppointment.tier, before: t)
                : try Self.firstHardAppointmentOnTime(db, at: t, graceSeconds: Double(rules.hardAppointmentGraceMinutes * 60))
            if picked == nil {
                picked = try Self.firstDue(db, tier: PickReason.softAppointment.tier, before: t)
            }
            if picked == nil && callingTime {
                picked = try Self.firstDue(db, tier: PickReason.fresh.tier, before: t)
            }
            if picked == nil && callingTime {
                picked = try Self.firstRetry(db, avoidingPartBit: partBit, before: t)
            }
            guard let seq = picked else { return nil }
            let expires = t + Double(rules.leaseMinutes * 60)
            try db.execute(
                sql: "UPDATE cases SET lease_holder = ?, lease_expires = ?, next_eligible_at = ? WHERE seq = ?",
                arguments: [interviewer, expires, expires, seq])
            guard let row = try CaseRow.fetch(db, seq: seq) else { return nil }
            return try Self.lease(db, row: row, interviewer: interviewer, expires: expires)
        }
    }

    public func leaseCase(id: String, interviewer: String, now: Date) throws -> CaseLease {
        let interviewer = try checkedInterviewer(interviewer)
        let t = now.timeIntervalSince1970
        return try write { db -> CaseLease in
            guard let row = try CaseRow.fetch(db, id: id) else { throw CaseStoreError.unknownCase(id) }
            return try leaseCase(db, row: row, interviewer: interviewer, at: t)
        }
    }

    /// `leaseCase` inside a write transaction already open (a supervisor's assignment audits it in the same one).
    func leaseCase(_ db: Database, row: CaseRow, interviewer: String, at t: Double) throws -> CaseLease {
        try CaseChangeChecks.checkWorkable(row, by: interviewer, at: t)
        let expires = t + Double(rules.leaseMinutes * 60)
        // The scheduler skips the case until the lease ends, and a case not yet due (a retry
        // gap, next week's appointment) keeps its own time after that.
        try db.execute(
            sql: "UPDATE cases SET lease_holder = ?, lease_expires = ?, next_eligible_at = MAX(?, due_at) WHERE seq = ?",
            arguments: [interviewer, expires, expires, row.seq])
        return try Self.lease(db, row: row, interviewer: interviewer, expires: expires)
    }

    /// The lease handed out for a case row just leased.
    static func lease(_ db: Database, row: CaseRow, interviewer: String, expires: Double) throws -> CaseLease {
        CaseLease(
            caseID: row.id, interviewer: interviewer, expiresAt: Date(timeIntervalSince1970: expires),
            reason: PickReason(tier: row.tier ?? PickReason.fresh.tier) ?? .fresh, status: row.status, attempts: row.attempts,
            fields: FieldsJSON.decode(row.fields),
            appointment: try row.appointmentID.flatMap { try appointment(db, id: $0)?.appointment },
            preload: try preloadValues(db, caseSeq: row.seq))
    }

    /// Oldest due case of one tier: a single index seek.
    private static func firstDue(_ db: Database, tier: Int, before t: Double) throws -> Int64? {
        try Int64.fetchOne(db, sql: """
            SELECT seq FROM cases INDEXED BY cases_pick
            WHERE queue = \(tier) AND next_eligible_at <= ? ORDER BY next_eligible_at, seq LIMIT 1
            """, arguments: [t])
    }

    /// Oldest hard appointment still at its time (its grace window has not passed), for outside
    /// calling hours. Such a case became due at most two grace windows before now (its time less
    /// the grace), so the seek is bounded to that range of `cases_pick`.
    private static func firstHardAppointmentOnTime(_ db: Database, at t: Double, graceSeconds: Double) throws -> Int64? {
        try Int64.fetchOne(db, sql: """
            SELECT c.seq FROM cases c INDEXED BY cases_pick JOIN appointments a ON a.id = c.appointment_id
            WHERE c.queue = \(PickReason.hardAppointment.tier) AND c.next_eligible_at BETWEEN ? AND ? AND a.until >= ?
            ORDER BY c.next_eligible_at, c.seq LIMIT 1
            """, arguments: [t - 2 * graceSeconds, t, t])
    }

    /// Soft appointments whose window closed without the case being called go back to the ordinary
    /// retry queue: the appointment is retired, and the case is picked as a retry, in calling hours.
    /// Only due, unleased cases are seen (a leased case's `next_eligible_at` lies ahead).
    private static func returnClosedSoftWindowsToRetry(_ db: Database, at t: Double) throws {
        let closed = try Int64.fetchAll(db, sql: """
            SELECT c.seq FROM cases c INDEXED BY cases_pick JOIN appointments a ON a.id = c.appointment_id
            WHERE c.queue = \(PickReason.softAppointment.tier) AND c.next_eligible_at <= ? AND a.until < ?
            """, arguments: [t, t])
        let retry = PickReason.retry.tier
        for seq in closed {
            try db.execute(sql: "UPDATE appointments SET active = 0 WHERE case_seq = ? AND active = 1", arguments: [seq])
            try db.execute(sql: """
                UPDATE cases SET status = ?, tier = \(retry), queue = CASE WHEN withheld = 1 THEN NULL ELSE \(retry) END,
                    appointment_id = NULL WHERE seq = ?
                """, arguments: [CaseStatus.retry.rawValue, seq])
            guard let row = try CaseRow.fetch(db, seq: seq) else { continue }
            try db.execute(sql: "UPDATE cases SET interim_code = ? WHERE seq = ?", arguments: [row.interim.disposition.code, seq])
        }
    }

    /// Oldest due retry not yet tried in the current part of the day, else the oldest due retry.
    /// One seek per `tried_parts` mask (four) keeps this an index lookup rather than a sort.
    private static func firstRetry(_ db: Database, avoidingPartBit bit: Int, before t: Double) throws -> Int64? {
        let tier = PickReason.retry.tier
        var best: (seq: Int64, at: Double)?
        for mask in 0..<8 where mask & bit == 0 {
            let row = try Row.fetchOne(db, sql: """
                SELECT seq, next_eligible_at FROM cases INDEXED BY cases_pick_parts
                WHERE queue = \(tier) AND tried_parts = \(mask) AND next_eligible_at <= ?
                ORDER BY next_eligible_at, seq LIMIT 1
                """, arguments: [t])
            if let row {
                let candidate = (seq: row["seq"] as Int64, at: row["next_eligible_at"] as Double)
                if best == nil || (candidate.at, candidate.seq) < (best!.at, best!.seq) { best = candidate }
            }
        }
        if let best { return best.seq }
        return try firstDue(db, tier: tier, before: t)
    }

    public func renewLease(caseID: String, interviewer: String, now: Date) throws -> Date {
        let interviewer = try checkedInterviewer(interviewer)
        let expires = now.timeIntervalSince1970 + Double(rules.leaseMinutes * 60)
        return try write { db in
            guard let row = try CaseRow.fetch(db, id: caseID) else { throw CaseStoreError.unknownCase(caseID) }
            guard row.leaseHolder == interviewer, row.finalCode == nil else {
                throw CaseStoreError.notLeaseHolder(caseID: caseID, interviewer: interviewer)
            }
            // A case leased by name before it was due keeps its due time after the lease.
            try db.execute(sql: "UPDATE cases SET lease_expires = ?, next_eligible_at = MAX(?, due_at) WHERE seq = ?",
                           arguments: [expires, expires, row.seq])
            return Date(timeIntervalSince1970: expires)
        }
    }

    public func releaseLease(caseID: String, interviewer: String, now: Date) throws {
        let interviewer = try checkedInterviewer(interviewer)
        try write { db in
            guard let row = try CaseRow.fetch(db, id: caseID) else { throw CaseStoreError.unknownCase(caseID) }
            guard row.leaseHolder == interviewer else {
                throw CaseStoreError.notLeaseHolder(caseID: caseID, interviewer: interviewer)
            }
            try db.execute(sql: "UPDATE cases SET lease_holder = NULL, lease_expires = NULL, next_eligible_at = due_at WHERE seq = ?",
                           arguments: [row.seq])
        }
    }

    // MARK: Recording calls

    public func recordAttempt(_ attempt: CallAttemptInput, now: Date) throws -> AttemptResult {
        let interviewer = try checkedInterviewer(attempt.interviewer)
        let t = now.timeIntervalSince1970
        let part = rules.partOfDay(now)
        let outcome = attempt.outcome
        // Check the appointment before taking the write lock.
        var scheduled: (callableFrom: Date, at: Date, until: Date)?
        if outcome.requiresAppointment {
            guard let appointment = attempt.appointment else {
                throw CaseStoreError.appointment(.appointmentMissing(outcome))
            }
            do { scheduled = try rules.schedule(appointment, now: now) } catch { throw CaseStoreError.appointment(error) }
        }
        var result = try write { db in
            try self.applyAttempt(db: db, attempt: attempt, interviewer: interviewer, now: now, t: t, part: part, outcome: outcome, scheduled: scheduled, rules: rules)
        }
        if let scheduled, let appointment = attempt.appointment {
            result.notice = AppointmentNotice.repeatedTime(appointment, bookedAt: scheduled.at)
        }
        return result
    }

    /// Records many finished calls in one transaction: for bulk loads (simulated fieldwork), where
    /// a transaction per call would take minutes. Calls on cases that are already final are skipped.
    public func recordAttempts(_ attempts: [(CallAttemptInput, Date)]) throws -> Int {
        var recorded = 0
        try write { db in
            for (attempt, now) in attempts where !attempt.outcome.requiresAppointment {
                let interviewer = try checkedInterviewer(attempt.interviewer)
                do {
                    _ = try self.applyAttempt(db: db, attempt: attempt, interviewer: interviewer, now: now,
                                              t: now.timeIntervalSince1970, part: rules.partOfDay(now),
                                              outcome: attempt.outcome, scheduled: nil, rules: rules)
                    recorded += 1
                } catch CaseStoreError.caseIsFinal {
                    continue
                }
            }
        }
        return recorded
    }

    private func applyAttempt(db: Database, attempt: CallAttemptInput, interviewer: String, now: Date, t: TimeInterval,
                                     part: PartOfDay, outcome: CallOutcome,
                                     scheduled: (callableFrom: Date, at: Date, until: Date)?, rules: SchedulingRules) throws -> AttemptResult {
            guard let row = try CaseRow.fetch(db, id: attempt.caseID) else { throw CaseStoreError.unknownCase(attempt.caseID) }
            try CaseChangeChecks.checkWorkable(row, by: interviewer, at: t)

            // The policy is CallTransition's; this only reads and writes the rows it describes.
            let standing = CallTransition.Standing(attempts: row.attempts, triedParts: row.triedParts, everEligible: row.everEligible,
                                                   softRefusals: row.softRefusals, withheld: row.withheld)
            var booked: CallTransition.BookedAppointment?
            if let scheduled, let appointment = attempt.appointment {
                booked = CallTransition.BookedAppointment(kind: appointment.kind, callableFrom: scheduled.callableFrom)
            }
            let next = CallTransition.after(standing, outcome: outcome, part: part, appointment: booked,
                                            dispositionRule: attempt.dispositionRule, rules: rules, now: now)
            try db.execute(sql: "UPDATE appointments SET active = 0 WHERE case_seq = ? AND active = 1", arguments: [row.seq])
            var appointmentID: Int64?
            if next.booksAppointment, let scheduled, let appointment = attempt.appointment {
                appointmentID = try Self.insertAppointment(db, caseSeq: row.seq, appointment: appointment,
                                                           scheduled: scheduled, setBy: interviewer, now: t)
            }
            let dueAt = next.dueAt.timeIntervalSince1970
            try db.execute(sql: """
                INSERT INTO attempts (case_seq, number, at, interviewer, outcome, note, part_of_day, resulting_status, final_code,
                                      disposition_rule)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [row.seq, next.standing.attempts, t, interviewer, outcome.rawValue, attempt.note, part.rawValue,
                                 next.status.rawValue, next.finalDisposition?.code, next.rule])
            try db.execute(sql: """
                UPDATE cases SET status = ?, final_code = ?, tier = ?, queue = ?, due_at = ?, next_eligible_at = ?,
                    tried_parts = ?, attempts = ?, ever_eligible = ?, soft_refusals = ?, lease_holder = NULL,
                    lease_expires = NULL, appointment_id = ?, last_outcome = ?, interim_code = ?
                WHERE seq = ?
                """, arguments: [next.status.rawValue, next.finalDisposition?.code, next.tier, next.queue, dueAt, dueAt,
                                 next.standing.triedParts, next.standing.attempts, next.standing.everEligible, next.standing.softRefusals,
                                 appointmentID, outcome.rawValue, next.interimCode, row.seq])
            if next.finalDisposition == .complete, !rules.quotas.isEmpty {
                try countComplete(db, fields: FieldsJSON.decode(row.fields))
            }
            return AttemptResult(status: next.status, finalDisposition: next.finalDisposition,
                                 nextCallableAt: next.finalDisposition == nil ? next.dueAt : nil,
                                 finalisedByAttemptLimit: next.finalisedByAttemptLimit)
    }

    public func setAppointment(caseID: String, appointment: Appointment, setBy: String, now: Date) throws {
        let setBy = try checkedInterviewer(setBy)
        let scheduled: (callableFrom: Date, at: Date, until: Date)
        do { scheduled = try rules.schedule(appointment, now: now) } catch { throw CaseStoreError.appointment(error) }
        let t = now.timeIntervalSince1970
        try write { db in
            guard let row = try CaseRow.fetch(db, id: caseID) else { throw CaseStoreError.unknownCase(caseID) }
            try CaseChangeChecks.checkWorkable(row, by: setBy, at: t)
            try db.execute(sql: "UPDATE appointments SET active = 0 WHERE case_seq = ? AND active = 1", arguments: [row.seq])
            let id = try Self.insertAppointment(db, caseSeq: row.seq, appointment: appointment, scheduled: scheduled,
                                                setBy: setBy, now: t)
            let tier = appointment.kind == .hard ? PickReason.hardAppointment.tier : PickReason.softAppointment.tier
            let due = scheduled.callableFrom.timeIntervalSince1970
            try db.execute(sql: """
                UPDATE cases SET status = ?, tier = ?, queue = ?, due_at = ?, next_eligible_at = ?, appointment_id = ?,
                    lease_holder = NULL, lease_expires = NULL, interim_code = ?
                WHERE seq = ?
                """, arguments: [CaseStatus.appointment.rawValue, tier, tier, due, due, id,
                                 InterimDisposition.of(attempts: row.attempts, lastOutcome: row.lastOutcome, everEligible: row.everEligible,
                                                       softRefusals: row.softRefusals, appointmentBooked: true,
                                                       withheldByQuota: false).disposition.code, row.seq])
        }
    }

    private static func insertAppointment(
        _ db: Database, caseSeq: Int64, appointment: Appointment,
        scheduled: (callableFrom: Date, at: Date, until: Date), setBy: String, now: Double
    ) throws -> Int64 {
        try db.execute(sql: """
            INSERT INTO appointments (case_seq, kind, start_local, end_local, time_zone, at, until, set_by, set_at, active)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
            """, arguments: [caseSeq, appointment.kind.rawValue, appointment.start.description,
                             appointment.end?.description, appointment.timeZoneID,
                             scheduled.at.timeIntervalSince1970, scheduled.until.timeIntervalSince1970, setBy, now])
        return db.lastInsertedRowID
    }

    // MARK: Reading

    /// Every case with its status, final code and call outcomes in order: two queries, for
    /// reconciling the store with the journals (`fieldwork verify`).
    public func allCaseCalls() throws -> [String: StoredCaseCalls] {
        try read { db in
            var found: [Int64: StoredCaseCalls] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT seq, id, status, final_code, fields FROM cases") {
                found[row["seq"]] = StoredCaseCalls(caseID: row["id"], status: CaseStatus(rawValue: row["status"]) ?? .fresh,
                                                    finalCode: row["final_code"], outcomes: [], fields: FieldsJSON.decode(row["fields"]))
            }
            for row in try Row.fetchAll(db, sql: "SELECT case_seq, outcome FROM attempts ORDER BY case_seq, number") {
                found[row["case_seq"]]?.outcomes.append(row["outcome"])
            }
            return Dictionary(uniqueKeysWithValues: found.values.map { ($0.caseID, $0) })
        }
    }

    /// One case's status, final code, fields and call outcomes in order (`allCaseCalls` for one case).
    public func caseCalls(id: String) throws -> StoredCaseCalls? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT seq, id, status, final_code, fields FROM cases WHERE id = ?", arguments: [id]) else {
                return nil
            }
            let seq: Int64 = row["seq"]
            let outcomes = try String.fetchAll(db, sql: "SELECT outcome FROM attempts WHERE case_seq = ? ORDER BY number", arguments: [seq])
            return StoredCaseCalls(caseID: row["id"], status: CaseStatus(rawValue: row["status"]) ?? .fresh,
                                   finalCode: row["final_code"], outcomes: outcomes, fields: FieldsJSON.decode(row["fields"]))
        }
    }

    /// Every call of every case in time order (ties by case and call number), for progress reports.
    public func allCalls() throws -> [StoredCall] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT c.id, a.at, a.interviewer, a.outcome, a.final_code FROM attempts a JOIN cases c ON c.seq = a.case_seq
                ORDER BY a.at, c.id, a.number
                """).map { row in
                StoredCall(caseID: row["id"], at: Date(timeIntervalSince1970: row["at"]), interviewer: row["interviewer"],
                           outcome: row["outcome"], finalCode: row["final_code"])
            }
        }
    }

    /// The weights `fieldwork weight` stored (`CaseWeights`), or nil when the survey was never
    /// weighted. A weight that is missing, negative or not a finite number is an error naming the
    /// case, since weighted figures from it would be wrong.
    public func caseWeights() throws -> CaseWeights? {
        try read { db -> CaseWeights? in
            var byCase: [String: Double] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT c.id AS id, w.weight AS w FROM weights w JOIN cases c ON c.seq = w.case_seq") {
                let id = (row["id"] as String?) ?? ""
                let weight = row["w"] as Double?
                guard let weight, weight.isFinite, weight >= 0 else {
                    let shown = (row["w"] as DatabaseValue?).map { "\($0)" } ?? "NULL"
                    throw CaseStoreError.database(
                        "\(path): the weights give case \(id) the weight \(shown); a weight must be a number 0 or more (run fieldwork weight again)")
                }
                byCase[id] = weight
            }
            return byCase.isEmpty ? nil : CaseWeights(byCase: byCase)
        }
    }

    /// Sample fields, final disposition code and survey weight (nil when not weighted) of each
    /// listed case found, keyed by case id: what an export needs, in one query for many cases
    /// (`caseDetail` takes several per case).
    public func exportFields(ids: [String]) throws -> [String: (fields: [String: String], finalCode: String?, weight: Double?)] {
        guard !ids.isEmpty else { return [:] }
        return try read { db in
            var found: [String: (fields: [String: String], finalCode: String?, weight: Double?)] = [:]
            // Chunks stay well under SQLite's limit on bound parameters.
            for start in stride(from: 0, to: ids.count, by: 500) {
                let chunk = Array(ids[start..<min(ids.count, start + 500)])
                let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                let rows = try Row.fetchAll(db, sql: """
                    SELECT c.id, c.fields, c.final_code, w.weight FROM cases c LEFT JOIN weights w ON w.case_seq = c.seq
                    WHERE c.id IN (\(placeholders))
                    """, arguments: StatementArguments(chunk))
                for row in rows {
                    found[row["id"]] = (FieldsJSON.decode(row["fields"]), row["final_code"], row["weight"])
                }
            }
            return found
        }
    }

    public func caseDetail(id: String) throws -> CaseDetail? {
        try read { db -> CaseDetail? in
            guard let row = try CaseRow.fetch(db, id: id) else { return nil }
            let attempts = try Row.fetchAll(db, sql: "SELECT * FROM attempts WHERE case_seq = ? ORDER BY number", arguments: [row.seq])
                .map { r in
                    CallAttempt(
                        number: r["number"], at: Date(timeIntervalSince1970: r["at"]), interviewer: r["interviewer"],
                        outcome: CallOutcome(rawValue: r["outcome"]) ?? .noAnswer, note: r["note"],
                        partOfDay: PartOfDay(rawValue: r["part_of_day"]) ?? .morning,
                        resultingStatus: CaseStatus(rawValue: r["resulting_status"]) ?? .retry,
                        finalDisposition: (r["final_code"] as String?).map(AAPORDisposition.forCode),
                        dispositionRule: r["disposition_rule"])
                }
            let finalisations = try Row.fetchAll(db, sql: "SELECT * FROM finalisations WHERE case_seq = ? ORDER BY id", arguments: [row.seq])
                .map { r in
                    CaseFinalisation(at: Date(timeIntervalSince1970: r["at"]), disposition: .forCode(r["final_code"]),
                                     rule: r["rule"], finalisedBy: r["finalised_by"])
                }
            let appointmentIDs = try Int64.fetchAll(db, sql: "SELECT id FROM appointments WHERE case_seq = ? ORDER BY id", arguments: [row.seq])
            let appointments = try appointmentIDs.compactMap { try Self.appointment(db, id: $0) }
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
                finalisations: finalisations, preload: try Self.preloadValues(db, caseSeq: row.seq),
                audit: try Self.auditEntries(db, caseSeq: row.seq))
            detail.replicate = row.replicate
            detail.released = row.released
            if !row.released { detail.interimDisposition = nil; detail.nextCallableAt = nil }
            return detail
        }
    }

    private static func appointment(_ db: Database, id: Int64) throws -> StoredAppointment? {
        guard let r = try Row.fetchOne(db, sql: "SELECT * FROM appointments WHERE id = ?", arguments: [id]),
              let start = LocalDateTime(r["start_local"] as String)
        else { return nil }
        let appointment = Appointment(
            kind: AppointmentKind(rawValue: r["kind"]) ?? .hard, start: start,
            end: (r["end_local"] as String?).flatMap { LocalDateTime($0) }, timeZoneID: r["time_zone"])
        return StoredAppointment(
            appointment: appointment, at: Date(timeIntervalSince1970: r["at"]), until: Date(timeIntervalSince1970: r["until"]),
            setBy: r["set_by"], setAt: Date(timeIntervalSince1970: r["set_at"]), active: r["active"])
    }

    public func statusCounts(now: Date) throws -> StatusCounts {
        let t = now.timeIntervalSince1970
        let (dayStart, dayEnd) = rules.day(containing: now)
        return try read { db in
            var byStatus: [CaseStatus: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM cases WHERE released = 1 GROUP BY status") {
                if let status = CaseStatus(rawValue: row["status"]) { byStatus[status] = row["n"] }
            }
            var byDisposition: [AAPORDisposition: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT final_code, COUNT(*) AS n FROM cases WHERE final_code IS NOT NULL GROUP BY final_code") {
                byDisposition[.forCode(row["final_code"])] = row["n"]
            }
            var byInterim: [AAPORDisposition: Int] = [:]
            for row in try Row.fetchAll(db, sql: Self.interimCountsSQL) {
                if let code = row["interim_code"] as String? { byInterim[.forCode(code)] = row["n"] }
            }
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cases") ?? 0
            let withheld = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cases WHERE withheld = 1 AND final_code IS NULL") ?? 0
            let leased = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cases WHERE lease_holder IS NOT NULL AND lease_expires > ?", arguments: [t]) ?? 0
            let dueToday = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM appointments a JOIN cases c ON c.appointment_id = a.id
                WHERE a.active = 1 AND c.final_code IS NULL AND a.at >= ? AND a.at < ?
                """, arguments: [dayStart.timeIntervalSince1970, dayEnd.timeIntervalSince1970]) ?? 0
            var cells: [String: [String: (completes: Int, target: Int?)]] = [:]
            for rule in rules.quotas {
                var ruleCells: [String: (completes: Int, target: Int?)] = [:]
                for (cell, target) in rule.targets { ruleCells[cell] = (0, target) }
                for row in try Row.fetchAll(db, sql: "SELECT cell, completes FROM quota_completes WHERE rule = ?", arguments: [rule.name]) {
                    let cell: String = row["cell"]
                    ruleCells[cell] = (row["completes"], rule.targets[cell])
                }
                cells[rule.name] = ruleCells
            }
            var counts = StatusCounts(total: total, byStatus: byStatus, byDisposition: byDisposition, withheldByQuota: withheld,
                                      leased: leased, appointmentsDueToday: dueToday, quotaCells: cells,
                                      byInterimDisposition: byInterim, waveClosedAt: try Self.waveClosedAt(db))
            counts.unreleased = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cases WHERE released = 0") ?? 0
            return counts
        }
    }

    /// Open cases per interim code: a walk of the covering partial index `cases_interim`
    /// (`interim_code` is NULL exactly when the case is final).
    static let interimCountsSQL = """
        SELECT interim_code, COUNT(*) AS n FROM cases INDEXED BY cases_interim
        WHERE interim_code IS NOT NULL GROUP BY interim_code
        """

    /// SQLite's plan for `interimCountsSQL`, for tests.
    func interimCountsQueryPlan() throws -> [String] {
        try read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + Self.interimCountsSQL).map { $0["detail"] as String }
        }
    }

    /// One seek down `appointments_active_at` in time order, checking each row's case by primary key,
    /// stopping at the first open case not under an unexpired lease: no scan of cases.
    public func nextAppointment(now: Date) throws -> UpcomingAppointment? {
        try read { db -> UpcomingAppointment? in
            guard let row = try Row.fetchOne(db, sql: Self.nextAppointmentSQL, arguments: [now.timeIntervalSince1970]) else {
                return nil
            }
            return UpcomingAppointment(caseID: row["id"], kind: AppointmentKind(rawValue: row["kind"]) ?? .hard,
                                       at: Date(timeIntervalSince1970: row["at"]))
        }
    }

    /// The query behind `nextAppointment`, exposed so a test can check SQLite's plan keeps to the index.
    static let nextAppointmentSQL = """
        SELECT a.at, a.kind, c.id FROM appointments a INDEXED BY appointments_active_at
        JOIN cases c ON c.seq = a.case_seq
        WHERE a.active = 1 AND c.appointment_id = a.id AND c.final_code IS NULL
          AND (c.lease_expires IS NULL OR c.lease_expires <= ?1)
        ORDER BY a.at, a.id LIMIT 1
        """

    /// SQLite's plan for `nextAppointmentSQL`, one line per step, for tests.
    func nextAppointmentQueryPlan() throws -> [String] {
        try read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + Self.nextAppointmentSQL, arguments: [0.0]).map { $0["detail"] as String }
        }
    }

    // MARK: Closing the wave

    /// The `meta` key holding the instant (seconds since 1970) of the last wave closing.
    static let waveClosedKey = "wave_closed_at"

    private static func waveClosedAt(_ db: Database) throws -> Date? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [waveClosedKey])
            .flatMap(Double.init).map { Date(timeIntervalSince1970: $0) }
    }

    /// Gives every open case its final code: its interim code (`InterimDisposition`), recorded in
    /// `finalisations` with the rule `close-wave: <reason> → <code>`, in one write transaction.
    ///
    /// Refused (`casesUnderLease`) while any open case is under an unexpired lease, and
    /// (`waveAlreadyClosed`) when the wave was closed before unless `again`. An empty store is left
    /// alone: nothing is closed and the wave is not marked closed (`closedAt` is nil).
    public func closeWave(now: Date, again: Bool = false) throws -> WaveClosing {
        let t = now.timeIntervalSince1970
        return try write { db -> WaveClosing in
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cases") ?? 0
            let previous = try Self.waveClosedAt(db)
            guard total > 0 else {
                return WaveClosing(closedAt: nil, previousClosingAt: previous, casesInStore: 0, alreadyFinal: 0, assigned: [:])
            }
            if let previous, !again { throw CaseStoreError.waveAlreadyClosed(at: previous) }
            let leased = try Row.fetchAll(db, sql: """
                SELECT id, lease_holder FROM cases
                WHERE final_code IS NULL AND lease_holder IS NOT NULL AND lease_expires > ? ORDER BY seq
                """, arguments: [t]).map { LeaseHolding(caseID: $0["id"], holder: $0["lease_holder"]) }
            guard leased.isEmpty else { throw CaseStoreError.casesUnderLease(leased) }

            // Cases of replicates never released were never part of fieldwork: they stay unreleased and open.
            let open = try Row.fetchAll(db, sql: "SELECT * FROM cases WHERE final_code IS NULL AND released = 1 ORDER BY seq")
                .map(CaseRow.init)
            let finalise = try db.makeStatement(sql: """
                UPDATE cases SET status = ?, final_code = ?, tier = NULL, queue = NULL, interim_code = NULL,
                    lease_holder = NULL, lease_expires = NULL
                WHERE seq = ?
                """)
            let record = try db.makeStatement(sql: """
                INSERT INTO finalisations (case_seq, at, final_code, rule, finalised_by) VALUES (?, ?, ?, ?, 'close-wave')
                """)
            let retire = try db.makeStatement(sql: "UPDATE appointments SET active = 0 WHERE case_seq = ? AND active = 1")
            var assigned: [AAPORDisposition: Int] = [:]
            for row in open {
                let interim = row.interim
                let code = interim.disposition
                try finalise.execute(arguments: [CaseStatus.forFinal(code).rawValue, code.code, row.seq])
                try record.execute(arguments: [row.seq, t, code.code, "close-wave: \(interim.reason) → \(code.code)"])
                try retire.execute(arguments: [row.seq])
                assigned[code, default: 0] += 1
            }
            try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                           arguments: [Self.waveClosedKey, String(t)])
            let unreleased = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cases WHERE released = 0") ?? 0
            return WaveClosing(closedAt: now, previousClosingAt: previous, casesInStore: total,
                               alreadyFinal: total - open.count - unreleased, assigned: assigned)
        }
    }

    // MARK: Quotas

    /// Rebuilds quota counts and withholding when the quota rules differ from those last applied
    /// (targets raised or lowered between sessions).
    private func refreshQuotasIfRulesChanged(_ db: Database) throws {
        let fingerprint = FieldsJSON.encode(Dictionary(uniqueKeysWithValues: rules.quotas.map { rule in
            (rule.name, rule.fields.joined(separator: "\u{1f}") + "=" + FieldsJSON.encode(rule.targets.mapValues(String.init)))
        }))
        let stored = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'quota_rules'")
        guard stored != fingerprint else { return }
        try db.execute(sql: "DELETE FROM quota_completes")
        var counts: [String: [String: Int]] = [:]
        for fields in try String.fetchAll(db, sql: "SELECT fields FROM cases WHERE final_code = ?", arguments: [AAPORDisposition.complete.code]) {
            let decoded = FieldsJSON.decode(fields)
            for rule in rules.quotas { counts[rule.name, default: [:]][rule.cell(for: decoded), default: 0] += 1 }
        }
        for (rule, cells) in counts {
            for (cell, n) in cells {
                try db.execute(sql: "INSERT INTO quota_completes (rule, cell, completes) VALUES (?, ?, ?)", arguments: [rule, cell, n])
            }
        }
        let released = try Int64.fetchAll(db, sql: "SELECT seq FROM cases WHERE withheld = 1")
        try db.execute(sql: "UPDATE cases SET withheld = 0, queue = tier WHERE withheld = 1 AND released = 1")
        try Self.refreshInterimCodes(db, seqs: released)
        try applyQuotaWithholding(db)
        try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('quota_rules', ?)", arguments: [fingerprint])
    }

    /// Counts a new complete in each of the case's cells and withholds cells that just filled.
    func countComplete(_ db: Database, fields: [String: String]) throws {
        for rule in rules.quotas {
            let cell = rule.cell(for: fields)
            try db.execute(sql: """
                INSERT INTO quota_completes (rule, cell, completes) VALUES (?, ?, 1)
                ON CONFLICT (rule, cell) DO UPDATE SET completes = completes + 1
                """, arguments: [rule.name, cell])
            let completes = try Int.fetchOne(db, sql: "SELECT completes FROM quota_completes WHERE rule = ? AND cell = ?",
                                             arguments: [rule.name, cell]) ?? 0
            if let target = rule.targets[cell], completes >= target {
                try withhold(db, rule: rule, cell: cell)
            }
        }
    }

    /// Withholds open fresh/retry cases in every full cell.
    func applyQuotaWithholding(_ db: Database) throws {
        for rule in rules.quotas {
            for row in try Row.fetchAll(db, sql: "SELECT cell, completes FROM quota_completes WHERE rule = ?", arguments: [rule.name]) {
                let cell: String = row["cell"]
                if let target = rule.targets[cell], (row["completes"] as Int) >= target {
                    try withhold(db, rule: rule, cell: cell)
                }
            }
            // A target of zero closes a cell before any complete.
            for (cell, target) in rule.targets where target <= 0 {
                try withhold(db, rule: rule, cell: cell)
            }
        }
    }

    private func withhold(_ db: Database, rule: QuotaRule, cell: String) throws {
        let values = cell.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard values.count == rule.fields.count else { return }
        var conditions: [String] = []
        var arguments: StatementArguments = []
        for (field, value) in zip(rule.fields, values) {
            conditions.append("COALESCE(json_extract(fields, ?), '') = ?")
            arguments += [FieldsJSON.path(forField: field), value]
        }
        try db.execute(sql: """
            UPDATE cases SET withheld = 1, queue = NULL, interim_code = '\(AAPORDisposition.quotaFilled.code)'
            WHERE final_code IS NULL AND withheld = 0 AND released = 1 AND tier >= \(PickReason.fresh.tier)
              AND \(conditions.joined(separator: " AND "))
            """, arguments: arguments)
    }

    /// Recomputes the stored interim code of the listed cases from their facts (final ones are skipped).
    static func refreshInterimCodes(_ db: Database, seqs: [Int64]) throws {
        let update = try db.makeStatement(sql: "UPDATE cases SET interim_code = ? WHERE seq = ?")
        for seq in seqs {
            guard let row = try CaseRow.fetch(db, seq: seq), row.finalCode == nil, row.released else { continue }
            try update.execute(arguments: [row.interim.disposition.code, seq])
        }
    }

    /// "first", "second", … for rule texts.
    // MARK: Plumbing

    func checkedInterviewer(_ name: String) throws -> String {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw CaseStoreError.invalidInterviewer("an interviewer id is required") }
        return trimmed
    }

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.write(body) } catch let error as DatabaseError {
            throw CaseStoreError.database(error.message ?? error.description)
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch let error as DatabaseError {
            throw CaseStoreError.database(error.message ?? error.description)
        }
    }
}
