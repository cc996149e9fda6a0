import FieldworkBasics
import FieldworkCases
import FieldworkEngine
import FieldworkScreen
import Foundation

/// An interviewer's shift on one terminal: ask the case store for the next case, show it, record
/// the call (or run the interview and record how it ended), and go on to the next, until the
/// interviewer ends the session or the terminal goes away. The terminal is started once for the
/// whole session; interviews run on it too.
///
/// The lease on the current case is renewed in the background while the interviewer works it and
/// is always released when the session ends without recording a call, so no case is stranded.
public final class SessionLoop {
    /// Opens the interview for a leased case (journal, questionnaire, sample from the lease).
    public typealias InterviewOpener = (CaseLease) throws -> InterviewTerminalSession
    /// Brings a leased case up to date with its journal before it is shown (`LeasedCaseSettlement`):
    /// a message when it recorded a call (the case is then done with), nil when nothing was needed.
    public typealias LeaseSettler = (CaseLease) throws -> SessionMessage?

    /// How the session ended.
    public enum Ending: Sendable, Equatable {
        /// The interviewer chose to end it.
        case ended(callsRecorded: Int)
        /// Hang-up, termination or an outside interrupt.
        case shutdown(reason: String)
    }

    public let store: any CaseStore
    public let interviewer: String
    private let clock: @Sendable () throws -> Date
    private let openInterview: InterviewOpener
    private let pollSeconds: Int
    private let renewInterval: TimeInterval
    private let classify: (AnsweredShare) -> (outcome: CallOutcome, rule: String)
    private var callsRecorded = 0
    /// Where state changes go (`InterviewerStateLog`); nil records nothing.
    private let stateLog: InterviewerStateLog?
    /// True: after each recorded call the session waits in wrap-up until the interviewer asks for the next case.
    private let wrapUp: Bool
    private let partialInterview: (String) -> String?
    private let settle: LeaseSettler

    /// `renewInterval` defaults to a third of the lease (at least 10 s), so two renewals can fail
    /// before the lease runs out.
    public init(store: any CaseStore, interviewer: String, clock: @escaping @Sendable () throws -> Date,
                pollSeconds: Int = 30, renewInterval: TimeInterval? = nil,
                classify: @escaping (AnsweredShare) -> (outcome: CallOutcome, rule: String),
                stateLog: InterviewerStateLog? = nil, wrapUp: Bool = false,
                partialInterview: @escaping (String) -> String? = { _ in nil },
                settle: @escaping LeaseSettler = { _ in nil },
                openInterview: @escaping InterviewOpener) {
        self.settle = settle
        self.classify = classify
        self.stateLog = stateLog
        self.wrapUp = wrapUp
        self.partialInterview = partialInterview
        self.store = store
        self.interviewer = interviewer
        self.clock = clock
        self.pollSeconds = max(1, pollSeconds)
        self.renewInterval = renewInterval ?? max(10, Double(store.rules.leaseMinutes * 60) / 3)
        self.openInterview = openInterview
    }

    /// Runs the session on the terminal until it ends.
    public func run() throws -> Ending {
        let terminal = Terminal()
        try terminal.start()
        defer { terminal.stop() }
        enter(.signedIn)
        defer { enter(.signedOut) }
        return loop(terminal)
    }

    /// Records a change of state (nothing when it is the state already recorded).
    private func enter(_ state: InterviewerState, caseID: String? = nil) {
        stateLog?.enter(state, caseID: caseID, at: (try? clock()) ?? Date())
    }

    // MARK: The loop

    private enum CaseEnding {
        case next(SessionMessage?)
        /// Skip this case: it stays leased until the next one is picked, so it is not handed straight back.
        case skip(CaseLease, SessionMessage)
        /// The interviewer went on a break from the case screen (the case goes back to the pool).
        case takeBreak
        case endSession
        case shutdown(String)
    }

    private func loop(_ terminal: Terminal) -> Ending {
        var message: SessionMessage? = terminal.takeStartNotice().map { SessionMessage($0) }
        var skipped: CaseLease?
        while true {
            if let key = Terminal.pendingShutdown {
                if let skipped { release(skipped) }
                return .shutdown(reason: key == .hangup ? "hangup" : "terminated")
            }
            draw(terminal) { SessionScreen.composeNotice("Finding the next case…", context: $0, size: $1) }
            var lease: CaseLease?
            do {
                lease = try store.nextCase(for: interviewer, now: try clock())
            } catch {
                message = .problem("Could not get the next case: \(Self.describe(error))")
            }
            if let held = skipped {
                release(held)
                skipped = nil
            }
            guard let lease else {
                enter(.waiting)
                switch wait(terminal, message: message) {
                case .refresh: message = nil; continue
                case .takeBreak:
                    message = nil
                    if let ended = takeBreak(terminal) { return ended }
                    continue
                case .quit: return .ended(callsRecorded: callsRecorded)
                case .shutdown(let reason): return .shutdown(reason: reason)
                }
            }
            do {
                if let recorded = try settle(lease) {
                    callsRecorded += 1
                    message = recorded
                    continue
                }
            } catch {
                // The case is still worked; its journal or the store said why it could not be checked.
                message = .problem("Case \(lease.caseID): its journal could not be checked against the case store: \(Self.describe(error))")
            }
            enter(.dialling, caseID: lease.caseID)
            switch work(lease, terminal: terminal, message: message) {
            case .next(let outcome):
                message = outcome
                if wrapUp, let ended = wrapUpAfter(lease, message: outcome, terminal: terminal) { return ended }
                if wrapUp { message = nil }
            case .takeBreak:
                release(lease)
                message = nil
                if let ended = takeBreak(terminal) { return ended }
            case .skip(let held, let why):
                skipped = held
                message = why
            case .endSession:
                release(lease)
                return .ended(callsRecorded: callsRecorded)
            case .shutdown(let reason):
                release(lease)
                return .shutdown(reason: reason)
            }
        }
    }

    // MARK: Waiting for work

    private enum WaitResult { case refresh, takeBreak, quit, shutdown(String) }

    // MARK: Breaks and wrap-up

    /// The break screen until the interviewer comes back (Enter or p): nil to go on, or how the session ended.
    private func takeBreak(_ terminal: Terminal) -> Ending? {
        enter(.onBreak)
        let since = SessionCaseViewBuilder.clock((try? clock()) ?? Date(), store.rules)
        while true {
            draw(terminal) {
                SessionScreen.composeNotice("On a break since \(since): no case is offered. Enter or p: back to work · q: end the session",
                                            context: $0, size: $1)
            }
            switch terminal.readKey(timeoutMilliseconds: 1000) {
            case .enter, .character("p"), .character("P"): return nil
            case .character("q"), .character("Q"), .ctrl("c"): return .ended(callsRecorded: callsRecorded)
            case .hangup: return .shutdown(reason: "hangup")
            case .terminate, .interrupt: return .shutdown(reason: "terminated")
            default: continue
            }
        }
    }

    /// Wrap-up after a recorded call (with `wrapUp`): the interviewer finishes before the next case.
    private func wrapUpAfter(_ lease: CaseLease, message: SessionMessage?, terminal: Terminal) -> Ending? {
        enter(.wrapUp, caseID: lease.caseID)
        let recorded = message.map { $0.text + ". " } ?? ""
        while true {
            draw(terminal) {
                SessionScreen.composeNotice("Wrap-up: \(recorded)Enter or n: next case · p: break · q: end the session",
                                            context: $0, size: $1)
            }
            switch terminal.readKey(timeoutMilliseconds: 1000) {
            case .enter, .character("n"), .character("N"): return nil
            case .character("p"), .character("P"): return takeBreak(terminal)
            case .character("q"), .character("Q"), .ctrl("c"): return .ended(callsRecorded: callsRecorded)
            case .hangup: return .shutdown(reason: "hangup")
            case .terminate, .interrupt: return .shutdown(reason: "terminated")
            default: continue
            }
        }
    }

    private func wait(_ terminal: Terminal, message: SessionMessage?) -> WaitResult {
        let started = ContinuousClock.now
        let view = waitingView(message: message)
        while true {
            let fits = draw(terminal) { SessionScreen.composeWaiting(view, context: $0, size: $1) }
            var key = terminal.readKey(timeoutMilliseconds: 1000)
            if !fits, let pressed = key, SmallWindowKeys.action(for: pressed) == .ignore { key = nil }
            switch key {
            case .character("r"), .character("R"), .enter: return .refresh
            case .character("p"), .character("P"): return .takeBreak
            case .character("q"), .character("Q"), .ctrl("c"): return .quit
            case .hangup: return .shutdown("hangup")
            case .terminate, .interrupt: return .shutdown("terminated")
            default:
                if started.duration(to: .now) >= .seconds(pollSeconds) { return .refresh }
            }
        }
    }

    private func waitingView(message: SessionMessage?) -> SessionWaitingView {
        let now = (try? clock()) ?? Date()
        var counts: StatusCounts?
        var next: UpcomingAppointment?
        var problem = message
        do {
            counts = try store.statusCounts(now: now)
            next = try store.nextAppointment(now: now)
        } catch {
            problem = .problem("Could not read the case counts: \(Self.describe(error))")
        }
        return SessionWaitingViewBuilder.view(counts: counts, next: next, now: now, rules: store.rules,
                                              pollSeconds: pollSeconds, message: problem)
    }

    // MARK: Working one case

    private func work(_ lease: CaseLease, terminal: Terminal, message: SessionMessage?) -> CaseEnding {
        let keeper = SessionLeaseKeeper(store: store, caseID: lease.caseID, interviewer: interviewer,
                                        interval: renewInterval, clock: clock)
        defer { keeper.stop() }
        var detail: CaseDetail?
        var controller = SessionCaseController(menu: SessionMenuKeys.menu, message: message)
        controller.appointmentTimeZoneID = store.rules.timeZoneID
        do {
            detail = try store.caseDetail(id: lease.caseID)
        } catch {
            controller.message = .problem("Could not read the case's history: \(Self.describe(error))")
        }
        var view = SessionCaseViewBuilder.view(lease: lease, detail: detail, rules: store.rules)
        view.partialInterview = partialInterview(lease.caseID)
        while true {
            if let problem = keeper.lastProblem, controller.message == nil {
                controller.message = .problem("Lease renewal failed: \(problem)")
            }
            let snapshot = controller
            let fits = draw(terminal) { SessionScreen.compose(view: view, controller: snapshot, context: $0, size: $1) }
            guard let key = terminal.readKey(timeoutMilliseconds: 1000) else { continue }
            if !fits {
                switch SmallWindowKeys.action(for: key) {
                case .handle: break
                case .ignore: continue
                case .leave: return .endSession
                }
            }
            switch controller.handle(key) {
            case .none:
                continue
            case .record(let code):
                guard let outcome = SessionMenuKeys.outcome(forCode: code) else {
                    controller.message = .problem("unknown outcome \(code)")
                    continue
                }
                if let ending = record(outcome, lease: lease, note: controller.note.text, keeper: keeper, controller: &controller) {
                    return ending
                }
            case .refusal(let hard):
                if let ending = record(hard ? .hardRefusal : .softRefusal, lease: lease, note: controller.note.text,
                                       keeper: keeper, controller: &controller) {
                    return ending
                }
            case .book(let appointment, let note, let purpose):
                if let ending = book(appointment, note: note, purpose: purpose, lease: lease, keeper: keeper, controller: &controller) { return ending }
            case .startInterview:
                if let ending = interview(lease, terminal: terminal, keeper: keeper, controller: &controller) { return ending }
                view.partialInterview = partialInterview(lease.caseID)
            case .endSession:
                return .endSession
            case .takeBreak:
                return .takeBreak
            case .shutdown(let key):
                return .shutdown(key == .hangup ? "hangup" : "terminated")
            }
        }
    }

    /// Runs the interview on this terminal and turns its ending into a call, or back to the case screen.
    private func interview(_ lease: CaseLease, terminal: Terminal, keeper: SessionLeaseKeeper,
                           controller: inout SessionCaseController) -> CaseEnding? {
        let session: InterviewTerminalSession
        do {
            session = try openInterview(lease)
        } catch SessionInterviewUnavailable.caseLocked(let why) {
            return .skip(lease, .problem("Skipped case \(lease.caseID): \(why)"))
        } catch {
            controller.message = .problem("Cannot start the interview: \(Self.describe(error))")
            return nil
        }
        enter(.interviewing, caseID: lease.caseID)
        let ending = session.run(on: terminal)
        enter(.dialling, caseID: lease.caseID)
        switch SessionInterviewOutcome.after(ending, classify: classify) {
        case .record(let outcome, let rule):
            return record(outcome, lease: lease, note: controller.note.text, rule: rule, keeper: keeper, controller: &controller)
        case .book(let appointment, let note, let purpose):
            return book(appointment, note: note, purpose: purpose, lease: lease, keeper: keeper, controller: &controller)
        case .askRefusalKind:
            controller.mode = .refusalKind
            return nil
        case .backToCase:
            controller.message = SessionMessage("Interview left, answers saved: i resumes it, or record what happened.")
            return nil
        case .shutdown(let reason):
            return .shutdown(reason)
        }
    }

    private func book(_ appointment: Appointment, note: String, purpose: SessionAppointmentPurpose, lease: CaseLease,
                      keeper: SessionLeaseKeeper, controller: inout SessionCaseController) -> CaseEnding? {
        record(SessionInterviewOutcome.outcome(purpose: purpose, kind: appointment.kind), lease: lease, note: note,
               appointment: appointment, purpose: purpose, keeper: keeper, controller: &controller)
    }

    /// Records the call. Returns how the case ended, or nil (with a message or the form reopened)
    /// when the store refused and the interviewer should try again.
    private func record(_ outcome: CallOutcome, lease: CaseLease, note: String, appointment: Appointment? = nil,
                        purpose: SessionAppointmentPurpose? = nil, rule: String? = nil, keeper: SessionLeaseKeeper,
                        controller: inout SessionCaseController) -> CaseEnding? {
        let input = CallAttemptInput(caseID: lease.caseID, interviewer: interviewer, outcome: outcome, note: note,
                                     appointment: appointment, dispositionRule: rule)
        do {
            let now = try clock()
            // The keeper keeps running: if the store refuses, the interviewer stays on the case.
            // A renewal racing the recording fails harmlessly (the lease is gone).
            let result = try store.recordAttempt(input, now: now)
            callsRecorded += 1
            return .next(SessionMessage("Recorded case \(lease.caseID): \(outcome.label) → \(Self.describe(result, rules: store.rules))"))
        } catch CaseStoreError.appointment(let problem) {
            if let appointment, let purpose {
                controller.reopenAppointment(appointment, note: note, purpose: purpose, reason: "Refused: \(problem)")
            } else {
                controller.message = .problem("Appointment refused: \(problem)")
            }
        } catch let error as CaseStoreError {
            switch error {
            case .leasedByAnother, .notLeaseHolder, .caseIsFinal:
                return .next(.problem("Case \(lease.caseID) was not recorded: \(error). Tell your supervisor what happened on the call."))
            default:
                controller.message = .problem("NOT RECORDED: \(error). Try again, or call your supervisor.")
            }
        } catch {
            controller.message = .problem("NOT RECORDED: \(Self.describe(error)). Try again, or call your supervisor.")
        }
        return nil
    }

    // MARK: Helpers

    private func release(_ lease: CaseLease) {
        // Best effort: if this fails the lease simply expires.
        try? store.releaseLease(caseID: lease.caseID, interviewer: interviewer, now: (try? clock()) ?? Date())
    }

    /// Draws the screen; false when the window is too small and the "too small" notice was drawn.
    @discardableResult
    private func draw(_ terminal: Terminal, _ compose: (SessionScreenContext, ScreenSize) -> ScreenFrame) -> Bool {
        let now = (try? clock()) ?? Date()
        let context = SessionScreenContext(interviewerID: interviewer, clock: SessionCaseViewBuilder.clock(now, store.rules))
        return terminal.present { compose(context, $0) }
    }

    /// What recording did, in a few words: "final 4.91 ceased trading" or "next call from 13:00".
    public static func describe(_ result: AttemptResult, rules: SchedulingRules) -> String {
        if let final = result.finalDisposition { return "final \(final)" }
        let next = result.nextCallableAt.map { " from \(SessionCaseViewBuilder.local($0, rules))" } ?? ""
        // A time the clocks repeat (the night they go back) says which of the two was booked.
        let notice = result.notice.map { "; \($0)" } ?? ""
        return "\(result.status.rawValue)\(next)\(notice)"
    }

    static func describe(_ error: Error) -> String {
        if let store = error as? CaseStoreError { return store.description }
        if let unavailable = error as? SessionInterviewUnavailable { return unavailable.description }
        if let terminal = error as? TerminalError { return terminal.message }
        return String(describing: error)
    }
}
