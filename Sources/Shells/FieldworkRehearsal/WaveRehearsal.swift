import FieldworkBasics
import FieldworkCases
import FieldworkChecker
import FieldworkEngine
import FieldworkExpressions
import FieldworkJournal
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A wave of calling, simulated through the real parts: the case store picks and leases cases
/// and records every call exactly as for `fieldwork session`, the engine runs each interview with
/// the simulator's answers, and each interview is written to the case's journal. Only the clock
/// and the people are simulated: a team of interviewers works the survey's calling hours day by
/// day, each call's result drawn from a `ContactModel`.
///
/// Deterministic given the seed: interviewers act in order of simulated time (ties by number),
/// and every draw comes from one seeded generator.
public struct WaveRehearsal {
    public struct Options: Sendable {
        public var interviewers: Int
        public var days: Int
        public var seed: UInt64
        /// The first calling day on or after this date (survey zone).
        public var start: CivilDate
        public var target: Int
        /// False skips fsync on journal writes (rehearsals only: a crash may lose the last interviews).
        public var fsync: Bool
        /// Stop at the end of the day the target is reached, instead of running every day.
        public var untilTarget: Bool
        public var model: ContactModel

        public init(interviewers: Int, days: Int, seed: UInt64, start: CivilDate, target: Int = 1600, fsync: Bool = true,
                    untilTarget: Bool = false, model: ContactModel = .standard) {
            self.untilTarget = untilTarget
            self.interviewers = interviewers
            self.days = days
            self.seed = seed
            self.start = start
            self.target = target
            self.fsync = fsync
            self.model = model
        }
    }

    public let survey: SurveyDirectory
    public let store: SQLiteCaseStore
    public let instrument: Instrument
    public let questionnaire: QuestionnaireStamp
    public let options: Options

    public init(survey: SurveyDirectory, store: SQLiteCaseStore, instrument: Instrument, questionnaire: QuestionnaireStamp,
                options: Options) {
        self.survey = survey
        self.store = store
        self.instrument = instrument
        self.questionnaire = questionnaire
        self.options = options
    }

    /// An interview under way: the call that started it, and what the simulator made of it.
    private struct Sitting {
        var caseID: String
        var interviewer: String
        var started: Date
        var simulated: SimulatedInterview
        var continuing: Bool
    }

    public func run() throws -> RehearsalReport {
        let rules = store.rules
        guard let zone = TimeZone(identifier: rules.timeZoneID) else { throw RehearsalError("unknown time zone \(rules.timeZoneID)") }
        let model = options.model
        var rng = SeededRandom(seed: options.seed)
        let names = (1...max(1, options.interviewers)).map { "R" + DecimalText.zeroPadded($0, width: 2) }
        var report = RehearsalReport(seed: options.seed, interviewers: names.count, cases: try store.statusCounts(now: Date()).total,
                                     days: [], calls: 0, completes: 0, hoursPerComplete: nil, target: options.target,
                                     targetReachedOn: nil, projectedCallingDays: nil, contactModel: model.description,
                                     fsync: options.fsync)
        var interviewIndex = 0
        for date in callingDays(rules: rules, zone: zone) {
            guard let (open, close) = hours(on: date, rules: rules, zone: zone) else { continue }
            var simulatorOptions = SimulationOptions()
            simulatorOptions.seed = options.seed &+ UInt64(date.daysSinceEpoch)
            simulatorOptions.keepEvents = true
            simulatorOptions.interviewDay = date.daysSinceEpoch
            var simulator = Simulator(instrument: instrument, options: simulatorOptions)
            var day = RehearsalReport.Day(date: date.description, calls: 0, interviewsStarted: 0, completes: 0,
                                          endedByQuestionnaire: 0, interviewerHours: Double(names.count) * close.timeIntervalSince(open) / 3600)
            var free = [Date](repeating: open, count: names.count)
            var sittings = [Sitting?](repeating: nil, count: names.count)
            var working = Set(names.indices)
            while !working.isEmpty {
                // The interviewer whose next moment comes first (ties: lowest number).
                let i = working.min { (free[$0], $0) < (free[$1], $1) }!
                let now = free[i]
                if let sitting = sittings[i] {
                    let call = try finish(sitting, at: now)
                    if call == .interviewComplete { day.completes += 1 }
                    if sitting.simulated.endedWith != nil { day.endedByQuestionnaire += 1 }
                    sittings[i] = nil
                    free[i] = now.addingTimeInterval(model.wrapUpMinutes * 60)
                    continue
                }
                guard now < close else { working.remove(i); continue }
                guard let lease = try store.nextCase(for: names[i], now: now) else {
                    free[i] = now.addingTimeInterval(10 * 60)  // nothing callable: look again in ten minutes
                    continue
                }
                day.calls += 1
                let keeping = lease.reason == .hardAppointment || lease.reason == .softAppointment
                let result = model.draw(part: rules.partOfDay(now), keepingAppointment: keeping, rng: &rng)
                if result == .interview {
                    let (simulated, continuing) = try simulate(&simulator, lease: lease, index: interviewIndex)
                    interviewIndex += 1
                    day.interviewsStarted += 1
                    let end = now.addingTimeInterval(max(60, simulated.seconds))
                    // Keep the case from other interviewers until the interview is over.
                    _ = try store.renewLease(caseID: lease.caseID, interviewer: names[i], now: end.addingTimeInterval(-60))
                    sittings[i] = Sitting(caseID: lease.caseID, interviewer: names[i], started: now, simulated: simulated, continuing: continuing)
                    free[i] = end
                } else {
                    let minutes = model.minutes[result] ?? 1
                    let at = now.addingTimeInterval(minutes * 60)
                    var input = CallAttemptInput(caseID: lease.caseID, interviewer: names[i], outcome: ContactModel.callOutcome(result),
                                                 note: "rehearsal")
                    if result == .appointment { input.appointment = appointment(after: at, rules: rules) }
                    if input.outcome.requiresAppointment && input.appointment == nil { input.outcome = .gatekeeperCallBack }
                    _ = try store.recordAttempt(input, now: at)
                    free[i] = at.addingTimeInterval(model.wrapUpMinutes * 60)
                }
            }
            report.days.append(day)
            report.calls += day.calls
            report.completes += day.completes
            if report.targetReachedOn == nil, report.completes >= options.target { report.targetReachedOn = date.description }
            if options.untilTarget, report.targetReachedOn != nil { break }
        }
        if !options.fsync { sync() }
        let hours = report.days.reduce(0) { $0 + $1.interviewerHours }
        report.hoursPerComplete = report.completes > 0 ? hours / Double(report.completes) : nil
        if report.targetReachedOn == nil, report.completes > 0, !report.days.isEmpty {
            let perDay = Double(report.completes) / Double(report.days.count)
            report.projectedCallingDays = Int((Double(options.target) / perDay).rounded(.up))
        }
        return report
    }

    /// The interview of a leased case: a fresh one, or the one its journal left suspended.
    private func simulate(_ simulator: inout Simulator, lease: CaseLease, index: Int) throws -> (SimulatedInterview, Bool) {
        let caseID = try CaseID(lease.caseID)
        let history = try CaseHistory.read(journalAt: survey.journalURL(for: caseID), caseID: lease.caseID)
        let sample = SampleRecord(lease.fields)
        if history.interviewEvents.isEmpty { return (simulator.simulate(index: index, sample: sample), false) }
        let (interview, _) = Interview.replay(instrument: instrument, sample: sample, events: history.interviewEvents)
        return (simulator.simulate(index: index, continuing: interview), true)
    }

    /// Writes the interview to the case's journal and records its ending as the call.
    private func finish(_ sitting: Sitting, at end: Date) throws -> CallOutcome {
        let caseID = try CaseID(sitting.caseID)
        let journal = try CaseJournal.open(directory: survey, caseID: caseID,
                                           holder: HolderInfo.current(interviewerID: sitting.interviewer, now: sitting.started))
        defer { journal.close() }
        let simulated = sitting.simulated
        let (outcome, rule): (CallOutcome, String)
        if simulated.completed {
            (outcome, rule) = (.interviewComplete, "rehearsal: interview completed")
        } else if let ended = simulated.endedWith, let call = CallOutcome(rawValue: ended) {
            (outcome, rule) = (call, "rehearsal: questionnaire end → \(ended)")
        } else {
            (outcome, rule) = (.breakOff, "rehearsal: the simulated interview did not finish")
        }
        var records: [CaseJournal.PendingRecord] = [
            .init(kind: JournalCodec.sessionStartKind, at: sitting.started,
                  data: SessionStart(interviewer: sitting.interviewer, questionnaire: questionnaire, resumed: sitting.continuing)),
        ]
        for (event, seconds) in simulated.events {
            records.append(.init(kind: JournalCodec.eventPrefix + event.kind, at: sitting.started.addingTimeInterval(seconds), data: event))
        }
        let word = simulated.completed ? "complete" : (simulated.endedWith ?? "breakoff")
        records.append(.init(kind: JournalCodec.callOutcomeKind, at: end,
                             data: CaseHistory.CallOutcome(outcome: word, note: nil, interviewer: sitting.interviewer)))
        records.append(.init(kind: JournalCodec.sessionEndKind, at: end, data: SessionEnd(reason: word)))
        try journal.appendBatch(records, sync: options.fsync)
        _ = try store.recordAttempt(CallAttemptInput(caseID: sitting.caseID, interviewer: sitting.interviewer, outcome: outcome,
                                                     note: "rehearsal", dispositionRule: rule), now: end)
        return outcome
    }

    /// A hard appointment on a later calling day at the same time of day, as the store's rules allow.
    private func appointment(after instant: Date, rules: SchedulingRules) -> Appointment? {
        for days in 1...7 {
            let local = rules.local(instant.addingTimeInterval(Double(days) * 86_400))
            let start = LocalDateTime(year: local.year, month: local.month, day: local.day, hour: local.hour, minute: 0)
            let candidate = Appointment(kind: .hard, start: start, timeZoneID: rules.timeZoneID)
            if (try? rules.schedule(candidate, now: instant)) != nil { return candidate }
        }
        return nil
    }

    /// The first `days` calling days from the start date.
    private func callingDays(rules: SchedulingRules, zone: TimeZone) -> [CivilDate] {
        var out: [CivilDate] = []
        var day = options.start.daysSinceEpoch
        while out.count < options.days && day < options.start.daysSinceEpoch + options.days * 7 + 14 {
            let date = CivilDate(daysSinceEpoch: day)
            let noon = LocalDateTime(year: date.year, month: date.month, day: date.day, hour: 12, minute: 0)
            if rules.callingHours.isCallingDay(noon) { out.append(date) }
            day += 1
        }
        return out
    }

    /// Opening and closing instants of calling hours on a date.
    private func hours(on date: CivilDate, rules: SchedulingRules, zone: TimeZone) -> (Date, Date)? {
        let noon = LocalDateTime(year: date.year, month: date.month, day: date.day, hour: 12, minute: 0)
        let closing = rules.callingHours.closing(on: noon)
        guard let startMinutes = CallingHours.minutes(rules.callingHours.start) else { return nil }
        let opening = LocalDateTime(year: date.year, month: date.month, day: date.day, hour: startMinutes / 60, minute: startMinutes % 60)
        guard let open = opening.instant(in: zone), let close = closing.instant(in: zone) else { return nil }
        return (open, close)
    }
}

/// A rehearsal that cannot run, with what to do.
public struct RehearsalError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
