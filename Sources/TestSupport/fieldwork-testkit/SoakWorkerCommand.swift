import ArgumentParser
import FieldworkBasics
import FieldworkCases
import FieldworkChecker
import FieldworkEngine
import FieldworkJournal
import FieldworkPostgres
import FieldworkPostgresStore
import FieldworkReconciliation
import FieldworkScreen
import FieldworkSurveyStores
import FieldworkTerminal
import Foundation

/// `fieldwork-testkit soak-worker`: one interviewer of the soak test's busy call centre, without a
/// screen. It works like `fieldwork session` through the same parts: the case store picks and
/// leases the next case (`nextCase`), the call is recorded with `recordAttempt` (no answer, busy,
/// refusals, appointments …), or the interview runs through the `InterviewRecorder` into the case's
/// journal and its ending becomes the call by `SessionInterviewOutcome.after`, as in the session.
/// A case whose journal another process holds is skipped as the session skips it: kept until the
/// next case is picked, then released.
///
/// The store is whatever the survey directory names (`store.json`: `cases.sqlite` or PostgreSQL,
/// journals beside it), so one worker serves both soak variants. Everything the checker needs is
/// written to `--log` (`SoakEventLog`). It stops between cases once `--stop-file` exists.
struct SoakWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soak-worker",
        abstract: "Work a survey's cases headless as one interviewer, logging leases and acknowledged answers (soak test)."
    )

    @Option(name: .long, help: "The survey directory.")
    var data: String

    @Option(name: .long, help: "The interviewer id.")
    var interviewer: String

    @Option(name: .long, help: "The event log to append to.")
    var log: String

    @Option(name: .customLong("stop-file"), help: "Stop between cases once this file exists.")
    var stopFile: String

    @Option(name: .long, help: "Seed of this worker's draws.")
    var seed: UInt64 = 1

    @Option(name: .customLong("pace-ms"), help: "Longest pause between answers, in milliseconds.")
    var paceMilliseconds: Int = 20

    func run() throws {
        try TestKitFailure.reporting { try work() }
    }

    /// A worker's share of call results, in percent of the cases it takes.
    private enum Action: CaseIterable {
        case noAnswer, busy, answeringMachine, gatekeeper, softRefusal, hardRefusal, nonWorking, appointment
        case interviewComplete, interviewBreakOff, interviewSuspend

        var percent: Int {
            switch self {
            case .noAnswer: 14
            case .busy: 4
            case .answeringMachine: 6
            case .gatekeeper: 5
            case .softRefusal: 4
            case .hardRefusal: 2
            case .nonWorking: 2
            case .appointment: 8
            case .interviewComplete: 35
            case .interviewBreakOff: 10
            case .interviewSuspend: 10
            }
        }

        static func draw(_ rng: inout SeededRandom) -> Action {
            var roll = Int.random(in: 0..<100, using: &rng)
            for action in allCases {
                if roll < action.percent { return action }
                roll -= action.percent
            }
            return .noAnswer
        }
    }

    private func work() throws {
        let directory = URL(fileURLWithPath: data, isDirectory: true)
        let log = try SoakEventLog(path: self.log, interviewer: interviewer)
        let survey = try SurveyDirectory.open(at: directory)
        let rules = try SchedulingRules.load(fromSurveyDirectory: directory)
        let location = try CaseStoreLocation.read(surveyDirectory: directory)
        var store = try Self.opening(location, rules: rules, log: log)
        let (pinned, bytes) = try survey.currentQuestionnaire()
        guard let instrument = Checker.check(bytes: [UInt8](bytes), file: pinned.id).0 else {
            throw TestKitFailure(description: "the survey's questionnaire has errors; run fieldwork check on it")
        }
        let stamp = QuestionnaireStamp(id: pinned.id, version: pinned.version, sha256: pinned.sha256)
        let journals = try SurveyStores(directory: survey, reading: .caseByCase).journals
        var rng = SeededRandom(seed: seed &+ UInt64(getpid()))
        log.write("start", ["store": location.kind])
        var skipped: CaseLease?
        while !FileManager.default.fileExists(atPath: stopFile) {
            let lease: CaseLease?
            do {
                lease = try store.nextCase(for: interviewer, now: Date())
            } catch {
                log.write("error", ["what": "nextCase", "why": "\(error)"])
                usleep(200_000)
                // PostgresCaseStore does not reconnect by itself after the server restarted: open
                // it again, as an interviewer would by starting their session again.
                if case .postgresql = location, let reopened = try? location.open(rules: rules, callerClock: false) {
                    store = reopened
                    log.write("reopened")
                }
                continue
            }
            if let held = skipped {
                release(held, store: store, log: log, how: "skipped")
                skipped = nil
            }
            guard let lease else {
                usleep(250_000)  // nothing callable now: look again soon
                continue
            }
            log.write("acquire", ["case": lease.caseID, "reason": lease.reason.rawValue, "attempts": lease.attempts])
            // As the session does: a journalled ending the store lacks (a kill between the two) is
            // recorded before the case is worked, and the case is then done with.
            if settled(lease, journals: journals, store: store, instrument: instrument, log: log) { continue }
            let action = Action.draw(&rng)
            switch action {
            case .interviewComplete, .interviewBreakOff, .interviewSuspend:
                if !interview(lease, action: action, survey: survey, location: location, store: store, rules: rules,
                              instrument: instrument, stamp: stamp, log: log, rng: &rng) {
                    skipped = lease
                }
            default:
                usleep(UInt32(Int.random(in: 0...max(0, paceMilliseconds * 2), using: &rng)) * 1000)  // dialling
                record(call(for: action, lease: lease, rules: rules, rng: &rng), lease: lease, store: store, log: log)
            }
        }
        if let held = skipped { release(held, store: store, log: log, how: "skipped") }
        log.write("stop")
    }

    /// Opens the case store; a PostgreSQL server that is restarting is waited for (up to a minute).
    private static func opening(_ location: CaseStoreLocation, rules: SchedulingRules, log: SoakEventLog) throws -> any CaseStore {
        var tries = 0
        while true {
            do {
                return try location.open(rules: rules, callerClock: false)
            } catch {
                tries += 1
                guard case .postgresql = location, tries < 120 else { throw error }
                log.write("error", ["what": "open store", "why": "\(error)"])
                usleep(500_000)
            }
        }
    }

    /// The call the case screen records for a non-interview result.
    private func call(for action: Action, lease: CaseLease, rules: SchedulingRules, rng: inout SeededRandom) -> CallAttemptInput {
        let outcome: CallOutcome = switch action {
        case .busy: .busy
        case .answeringMachine: .answeringMachineNoMessage
        case .gatekeeper: .gatekeeperCallBack
        case .softRefusal: .softRefusal
        case .hardRefusal: .hardRefusal
        case .nonWorking: .nonWorkingNumber
        case .appointment: .hardAppointment
        default: .noAnswer
        }
        var input = CallAttemptInput(caseID: lease.caseID, interviewer: interviewer, outcome: outcome, note: "soak")
        if outcome == .hardAppointment {
            if let appointment = appointment(rules: rules, rng: &rng) {
                input.appointment = appointment
            } else {
                input.outcome = .noAnswer
            }
        }
        return input
    }

    /// A hard appointment one to four minutes ahead (two to four, cut to the whole minute, in the survey's zone), if the rules take it.
    private func appointment(rules: SchedulingRules, rng: inout SeededRandom) -> Appointment? {
        let minutes = Int.random(in: 2...4, using: &rng)
        let local = rules.local(Date().addingTimeInterval(Double(minutes * 60)))
        let start = LocalDateTime(year: local.year, month: local.month, day: local.day, hour: local.hour, minute: local.minute)
        let appointment = Appointment(kind: .hard, start: start, timeZoneID: rules.timeZoneID)
        return InterviewAppointmentCheck.problem(with: appointment, rules: rules, now: Date()) == nil ? appointment : nil
    }

    /// Runs the interview of a leased case and records its ending; false when the case is to be
    /// skipped (its journal is open elsewhere, or its interview already closed).
    private func interview(_ lease: CaseLease, action: Action, survey: SurveyDirectory, location: CaseStoreLocation, store: any CaseStore,
                           rules: SchedulingRules, instrument: Instrument, stamp: QuestionnaireStamp, log: SoakEventLog,
                           rng: inout SeededRandom) -> Bool {
        let now = Date()
        let local = rules.local(now)
        let day = CivilDate(year: local.year, month: local.month, day: local.day).daysSinceEpoch
        let recorder: InterviewRecorder
        do {
            let caseID = try CaseID(lease.caseID)
            let journal = try openJournal(caseID, survey: survey, location: location, now: now)
            recorder = try InterviewRecorder.open(journal: journal, caseID: caseID, interviewer: interviewer, instrument: instrument,
                                                  questionnaire: stamp, sample: SampleRecord(lease.fields).addingPreload(lease.preload),
                                                  now: now, interviewDay: day)
        } catch JournalError.caseLocked, RecordingError.journal(.caseLocked) {
            log.write("locked", ["case": lease.caseID])
            return false
        } catch {
            log.write("error", ["case": lease.caseID, "what": "open interview", "why": "\(error)"])
            return false
        }
        guard recorder.interview.state.status.isOpen else {
            // As `fieldwork session`: an interview the journal has closed cannot be started again.
            recorder.close(reason: recorder.interview.state.status == .completed ? "already-complete" : "already-ended")
            log.write("closed", ["case": lease.caseID, "status": "\(recorder.interview.state.status)"])
            return false
        }
        log.write("sitting", ["case": lease.caseID, "resumed": recorder.isResumed])
        let answers = Int.random(in: 1...5, using: &rng)
        let plan: SoakSitting.Plan
        switch action {
        case .interviewBreakOff: plan = .breakOff(afterAnswers: answers)
        case .interviewSuspend:
            if let appointment = appointment(rules: rules, rng: &rng) {
                plan = .suspend(afterAnswers: answers, appointment: appointment)
            } else {
                plan = .breakOff(afterAnswers: answers)
            }
        default: plan = .complete
        }
        var renewed = Date()
        let interviewer = self.interviewer
        let sitting = SoakSitting(recorder: recorder, caseID: lease.caseID, log: log, paceMilliseconds: paceMilliseconds) {
            // The session's lease keeper renews every third of the lease; here between answers.
            guard Date().timeIntervalSince(renewed) > Double(rules.leaseMinutes * 60) / 3 else { return }
            renewed = Date()
            do { _ = try store.renewLease(caseID: lease.caseID, interviewer: interviewer, now: renewed) } catch {
                log.write("error", ["case": lease.caseID, "what": "renew", "why": "\(error)"])
            }
        }
        guard let ending = sitting.run(plan, seed: rng.next(), interviewDay: day, rng: &rng) else {
            release(lease, store: store, log: log, how: "failed")
            return true
        }
        log.write("ended", ["case": lease.caseID, "ending": "\(ending)"])
        switch SessionInterviewOutcome.after(ending, classify: { share in
            // As the session's classification (StoppedInterviewRule): the survey's thresholds on the share answered.
            let (outcome, rule) = rules.dispositionThresholds.outcome(forStoppedInterviewWithShare: share.share)
            return (outcome, "\(rule) [\(share.answered) of \(share.applicable) answered]")
        }) {
        case .record(let outcome, let rule):
            record(CallAttemptInput(caseID: lease.caseID, interviewer: interviewer, outcome: outcome, note: "interview",
                                    dispositionRule: rule), lease: lease, store: store, log: log)
        case .book(let appointment, let note, let purpose):
            record(CallAttemptInput(caseID: lease.caseID, interviewer: interviewer,
                                    outcome: SessionInterviewOutcome.outcome(purpose: purpose, kind: appointment.kind),
                                    note: note, appointment: appointment), lease: lease, store: store, log: log)
        case .askRefusalKind, .backToCase, .shutdown:
            release(lease, store: store, log: log, how: "left")
        }
        return true
    }

    private func openJournal(_ caseID: CaseID, survey: SurveyDirectory, location: CaseStoreLocation, now: Date) throws -> any JournalWriter {
        let holder = HolderInfo.current(interviewerID: interviewer, now: now)
        switch location {
        case .sqlite:
            return try CaseJournal.open(directory: survey, caseID: caseID, holder: holder)
        case .postgresql(let url, let schema):
            return try PostgresCaseJournal.open(connection: try PostgresConnection(url: url), schema: try PostgresSurveySchema(schema),
                                                caseID: caseID.rawValue, holder: holder)
        }
    }

    /// Records the call; the lease is logged as given up before the store is asked.
    private func record(_ input: CallAttemptInput, lease: CaseLease, store: any CaseStore, log: SoakEventLog) {
        log.write("release", ["case": lease.caseID, "how": "call"])
        do {
            let result = try store.recordAttempt(input, now: Date())
            log.write("call", ["case": lease.caseID, "outcome": input.outcome.rawValue, "status": result.status.rawValue,
                               "final": result.finalDisposition?.code ?? NSNull()])
        } catch {
            log.write("error", ["case": lease.caseID, "what": "recordAttempt \(input.outcome.rawValue)", "why": "\(error)"])
            try? store.releaseLease(caseID: lease.caseID, interviewer: interviewer, now: Date())
        }
    }

    /// `LeasedCaseSettlement`, logged as the calls it records; true when it recorded any (the lease
    /// ended with the call).
    private func settled(_ lease: CaseLease, journals: any JournalStore, store: any CaseStore, instrument: Instrument,
                         log: SoakEventLog) -> Bool {
        guard let store = store as? any SurveyCaseStore else { return false }
        do {
            let recorded = try LeasedCaseSettlement.settle(lease, journals: journals, store: store, instrument: instrument, now: Date())
            guard !recorded.isEmpty else { return false }
            log.write("release", ["case": lease.caseID, "how": "call"])
            for call in recorded {
                log.write("call", ["case": call.caseID, "outcome": call.outcome.rawValue, "status": call.status.rawValue,
                                   "final": call.finalCode ?? NSNull(), "settled": true])
            }
            return true
        } catch {
            log.write("error", ["case": lease.caseID, "what": "settle", "why": "\(error)"])
            return false
        }
    }

    private func release(_ lease: CaseLease, store: any CaseStore, log: SoakEventLog, how: String) {
        log.write("release", ["case": lease.caseID, "how": how])
        do { try store.releaseLease(caseID: lease.caseID, interviewer: interviewer, now: Date()) } catch {
            log.write("error", ["case": lease.caseID, "what": "release", "why": "\(error)"])
        }
    }
}

private extension CaseStoreLocation {
    var kind: String {
        switch self {
        case .sqlite: "sqlite"
        case .postgresql: "postgresql"
        }
    }
}
