import FieldworkBasics
import FieldworkEngine
import FieldworkJournal
import FieldworkScreen
import Foundation

/// Runs one sitting of an interview on the terminal: keys go to the pure `InterviewController`,
/// its intents are carried out through the `InterviewRecorder` (journal first, fsync'd, then
/// applied), and the screen is recomposed from the engine's state. The screen moves on only after
/// the recorder returns, so whatever the interviewer sees next is already on disk.
public final class InterviewTerminalSession {
    /// How the sitting ended.
    public enum Ending: Sendable, Equatable {
        case completed
        case suspended(Appointment, note: String)
        /// Stopped early by the interviewer (refusal, break-off), with how much was done.
        case stopped(outcome: String, share: AnsweredShare)
        /// The routing reached an `end` item and the interviewer closed the interview with it.
        case endedByQuestionnaire(outcome: String, endpoint: String)
        /// Ctrl-C and "y": closed as interrupted, resumable.
        case left
        /// The terminal went away (hangup) or the process was asked to stop; closed, resumable.
        case shutdown(reason: String)
    }

    public let recorder: InterviewRecorder
    public private(set) var context: InterviewScreenContext
    private let now: () -> Date
    private let sittingStart: Date
    private let earlierSeconds: Int
    private var controller = InterviewController()
    /// Whether the last redraw showed the interview (false: "window too small" was shown).
    private var windowFits = true
    private let appointmentProblem: (Appointment) -> String?
    private let localTime: (Date) -> String

    /// `context.elapsedSeconds` is ignored: time is counted from the journal's earlier sittings
    /// plus this one. `appointmentProblem` says why case management would refuse an appointment
    /// (nil when it would book it), so the form can ask again before the interview is closed.
    /// `localTime` writes a time for the resumed interview's re-introduction (the survey's zone).
    public init(recorder: InterviewRecorder, context: InterviewScreenContext, now: @escaping () -> Date = Date.init,
                localTime: @escaping (Date) -> String = InterviewResumeSummaryBuilder.machineLocalTime,
                appointmentTimeZoneID: String = "Europe/London",
                appointmentProblem: @escaping (Appointment) -> String? = { _ in nil }) {
        controller.appointmentTimeZoneID = appointmentTimeZoneID
        self.recorder = recorder
        self.localTime = localTime
        self.context = context
        self.now = now
        self.appointmentProblem = appointmentProblem
        self.sittingStart = now()
        self.earlierSeconds = InterviewTerminalSession.earlierSittingSeconds(recorder.history)
    }

    /// Interview time spent in earlier sittings: each sitting from its start to its end (or, after
    /// a crash, to its last recorded event).
    public static func earlierSittingSeconds(_ history: CaseHistory) -> Int {
        var total = 0.0
        for (index, session) in history.sessions.enumerated() {
            let end = session.endedAt ?? history.events.last(where: { $0.session == index })?.at ?? session.startedAt
            total += max(0, end.timeIntervalSince(session.startedAt))
        }
        return Int(total)
    }

    /// Takes over the terminal until the sitting ends; the recorder is closed on every path.
    public func run() throws -> Ending {
        let terminal = Terminal()
        do {
            try terminal.start()
        } catch {
            recorder.close(reason: "no-terminal", at: now())
            throw error
        }
        let ending = loop(terminal)
        terminal.stop()
        return ending
    }

    /// Runs the sitting on a terminal the caller has started and will stop (the session loop keeps
    /// one terminal for a whole shift); the recorder is closed on every path.
    public func run(on terminal: Terminal) -> Ending {
        loop(terminal)
    }

    private func loop(_ terminal: Terminal) -> Ending {
        controller.sync(with: recorder.interview)
        // A resumed interview opens on a short re-introduction, then the question where it stopped.
        if recorder.interview.currentKey != nil,
           let summary = InterviewResumeSummaryBuilder.summary(history: recorder.history, answered: recorder.interview.onPathAnswers.count,
                                                               localTime: localTime) {
            controller.showResumeIntroduction(summary)
        }
        if let notice = terminal.takeStartNotice() { controller.message = InterviewMessage(notice, style: .warning) }
        recordShown()  // the first question of this sitting
        redraw(terminal)
        while true {
            guard let key = terminal.readKey(timeoutMilliseconds: 1000) else {
                redraw(terminal)  // the clock ticks
                continue
            }
            if !windowFits {
                switch SmallWindowKeys.action(for: key) {
                case .handle: break
                case .ignore:
                    redraw(terminal)
                    continue
                case .leave:
                    if let ending = carryOut(.leave) { return ending }
                }
            }
            let intent = controller.handle(key, interview: recorder.interview)
            if let ending = carryOut(intent) {
                return ending
            }
            if key.isShutdownRequest { continue }
            redraw(terminal)
        }
    }

    private func redraw(_ terminal: Terminal) {
        context.elapsedSeconds = earlierSeconds + Int(now().timeIntervalSince(sittingStart))
        let interview = recorder.interview
        let state = controller
        let context = self.context
        var limits: (Int, Int)?
        windowFits = terminal.present { size in
            let composition = InterviewScreen.compose(interview: interview, controller: state, context: context, size: size)
            limits = (composition.scrollLimit, composition.bodyHeight)
            return composition.frame
        }
        if let (limit, height) = limits {
            controller.scrollLimit = limit
            controller.pageHeight = max(1, height)
            if controller.scroll > limit { controller.scroll = limit }
        }
    }

    /// Returns the ending when the intent closes the sitting.
    private func carryOut(_ intent: InterviewIntent) -> Ending? {
        switch intent {
        case .none:
            return nil
        case .perform(let command):
            perform(command)
            return nil
        case .finish:
            let end = recorder.interview.endpointReached?.endpoint
            guard perform(.complete) else { return nil }
            if let end {
                let code = end.outcome.rawValue
                guard outcome(code, note: "end item \(end.id)") else { return nil }
                recorder.close(reason: end.outcome.closesInterview ? "ended" : "suspended", at: now())
                return .endedByQuestionnaire(outcome: code, endpoint: end.id)
            }
            guard outcome("complete", note: nil) else { return nil }
            recorder.close(reason: "completed", at: now())
            return .completed
        case .suspend(let appointment, let note):
            if let problem = appointmentProblem(appointment) {
                controller.refuseAppointment(appointment, note: note, reason: problem)
                return nil
            }
            let summary = AppointmentEntry.summary(appointment, note: note)
            guard perform(.note("Appointment: \(summary)")), perform(.suspend) else { return nil }
            guard outcome("appointment", note: summary) else { return nil }
            recorder.close(reason: "suspended", at: now())
            return .suspended(appointment, note: note)
        case .stop(let code):
            let share = recorder.interview.answeredShare
            guard perform(.end(outcome: code)) else { return nil }
            guard outcome(code, note: "answered \(share.answered) of \(share.applicable) applicable questions") else { return nil }
            recorder.close(reason: "ended", at: now())
            return .stopped(outcome: code, share: share)
        case .leave:
            recorder.close(reason: "interrupted", at: now())
            return .left
        case .shutdown(let key):
            let reason: String
            switch key {
            case .hangup: reason = "hangup"
            case .terminate: reason = "terminated"
            default: reason = "interrupted"
            }
            recorder.close(reason: reason, at: now())
            return .shutdown(reason: reason)
        }
    }

    /// Performs a command through the recorder and tells the controller; true when recorded.
    @discardableResult
    private func perform(_ command: FieldworkEngine.InterviewCommand) -> Bool {
        let result: InterviewPerformResult
        do {
            switch try recorder.perform(command, at: now()) {
            case .recorded(let effect):
                let interview = recorder.interview
                result = .recorded(leftPath: effect.leftPath.map { interview.address(of: $0) })
            case .rejected(let rejection):
                result = .rejected(rejection)
            }
        } catch {
            result = .failed(Self.describe(error))
        }
        let before = controller.inputOwner
        controller.finished(command, result: result, interview: recorder.interview)
        if case .recorded = result, controller.inputOwner != before || isRevisit(command) { recordShown() }
        if case .recorded = result { return true }
        return false
    }

    private func isRevisit(_ command: FieldworkEngine.InterviewCommand) -> Bool {
        switch command {
        case .back, .jump: return true
        default: return false
        }
    }

    private func outcome(_ code: String, note: String?) -> Bool {
        do {
            try recorder.recordCallOutcome(code, note: note, at: now())
            return true
        } catch {
            controller.showError("NOT SAVED: \(Self.describe(error)). Press the key again to retry, or call your supervisor.")
            return false
        }
    }

    private func recordShown() {
        guard recorder.interview.currentKey != nil else { return }
        do {
            try recorder.recordShown(at: now())
        } catch {
            controller.showError("NOT SAVED (question display): \(Self.describe(error))")
        }
    }

    static func describe(_ error: Error) -> String {
        if let recording = error as? RecordingError { return recording.description }
        if let journal = error as? JournalError { return journal.description }
        return String(describing: error)
    }
}
