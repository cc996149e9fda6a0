import FieldworkBasics
import FieldworkCases
import FieldworkEngine
import FieldworkJournal
import FieldworkScreen
import FieldworkTerminal
import Foundation

/// One interview sitting without a screen, for the soak test: the simulator chooses the answers
/// (docs/simulation.md) and each one goes through the `InterviewRecorder`, journal first and
/// durable, exactly as the interview screen sends them. The sitting closes the way the screen's
/// own carry-out does (`InterviewTerminalSession`): complete (or the questionnaire's end item),
/// break off part way, or suspend with an appointment; and returns the same `Ending`, which the
/// worker turns into the call with `SessionInterviewOutcome.after`, as the session does.
///
/// Each answer is logged (`answer`, with the journal's sequence number, the record's data and how
/// long the recorder took) only after the recorder has returned: what the checker finds in the
/// log was acknowledged to the interviewer and must be in the journal.
struct SoakSitting {
    enum Plan {
        case complete
        case breakOff(afterAnswers: Int)
        case suspend(afterAnswers: Int, appointment: Appointment)
    }

    let recorder: InterviewRecorder
    let caseID: String
    let log: SoakEventLog
    /// Pause between answers (milliseconds, drawn from 0…pace), so kills land inside interviews.
    let paceMilliseconds: Int
    /// Keeps the case's lease alive during long sittings (called between answers).
    let keepLease: () -> Void

    /// Carries the sitting out; nil when it could not be carried out (logged), the recorder closed.
    func run(_ plan: Plan, seed: UInt64, interviewDay: Int, rng: inout SeededRandom) -> InterviewTerminalSession.Ending? {
        var options = SimulationOptions()
        options.seed = seed
        options.keepEvents = true
        options.interviewDay = interviewDay
        var simulator = Simulator(instrument: recorder.instrument, options: options)
        let simulated = simulator.simulate(index: 0, continuing: recorder.interview)
        var confirming: Set<String> = []
        var answers = 0
        let limit: Int? = switch plan {
        case .complete: nil
        case .breakOff(let n), .suspend(let n, _): n
        }
        for (event, _) in simulated.events {
            if let limit, answers >= limit { break }
            switch event {
            case .shown:
                do { try recorder.recordShown() } catch { return failed("shown", error) }
            case .softCheckConfirmed(_, let check):
                confirming.insert(check)
            case .answered(let address, let response):
                if paceMilliseconds > 0 { usleep(UInt32(Int.random(in: 0...paceMilliseconds, using: &rng)) * 1000) }
                keepLease()
                let started = ContinuousClock.now
                let outcome: InterviewRecorder.Outcome
                do {
                    outcome = try recorder.perform(.answer(response, confirming: confirming), at: Date())
                } catch {
                    return failed("answer", error)
                }
                let elapsed = started.duration(to: .now)
                confirming = []
                guard case .recorded = outcome else {
                    recorder.close(reason: "interrupted")
                    log.write("rejected", ["case": caseID, "why": "\(outcome)"])
                    return nil
                }
                answers += 1
                let seq = recorder.journal.lastSequence
                // The record as the journal holds it: the answered event's data.
                let data = (try? JSONSerialization.jsonObject(with: JournalCoding.makeEncoder().encode(event))) ?? [:]
                log.write("answer", ["case": caseID, "seq": seq, "data": data,
                                     "ms": Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000])
            default:
                continue  // the simulator's own completion: the sitting closes below, as the screen does
            }
        }
        switch plan {
        case .complete:
            return finish()
        case .breakOff:
            guard !recorder.interview.isAtEndScreen else { return finish() }  // nothing left to ask: it ends instead
            let share = recorder.interview.answeredShare
            let code = InterviewStopOutcome.breakoff.code
            guard perform(.end(outcome: code)) else { return nil }
            guard outcome(code, note: "answered \(share.answered) of \(share.applicable) applicable questions") else { return nil }
            recorder.close(reason: "ended")
            return .stopped(outcome: code, share: share)
        case .suspend(_, let appointment):
            guard !recorder.interview.isAtEndScreen else { return finish() }
            let summary = AppointmentEntry.summary(appointment, note: "soak")
            guard perform(.note("Appointment: \(summary)")), perform(.suspend) else { return nil }
            guard outcome("appointment", note: summary) else { return nil }
            recorder.close(reason: "suspended")
            return .suspended(appointment, note: "soak")
        }
    }

    /// The end screen: complete, or close at the end item the routing reached.
    private func finish() -> InterviewTerminalSession.Ending? {
        guard recorder.interview.isAtEndScreen else {
            recorder.close(reason: "interrupted")
            log.write("unfinished", ["case": caseID, "why": "the simulated answers did not reach the end screen"])
            return nil
        }
        let end = recorder.interview.endpointReached?.endpoint
        guard perform(.complete) else { return nil }
        if let end {
            let code = end.outcome.rawValue
            guard outcome(code, note: "end item \(end.id)") else { return nil }
            recorder.close(reason: end.outcome.closesInterview ? "ended" : "suspended")
            return .endedByQuestionnaire(outcome: code, endpoint: end.id)
        }
        guard outcome("complete", note: nil) else { return nil }
        recorder.close(reason: "completed")
        return .completed
    }

    private func perform(_ command: FieldworkEngine.InterviewCommand) -> Bool {
        do {
            if case .rejected(let why) = try recorder.perform(command, at: Date()) {
                recorder.close(reason: "interrupted")
                log.write("rejected", ["case": caseID, "why": "\(command): \(why)"])
                return false
            }
            return true
        } catch {
            _ = failed("\(command)", error)
            return false
        }
    }

    private func outcome(_ code: String, note: String?) -> Bool {
        do {
            try recorder.recordCallOutcome(code, note: note)
            return true
        } catch {
            _ = failed("call outcome", error)
            return false
        }
    }

    private func failed(_ what: String, _ error: Error) -> InterviewTerminalSession.Ending? {
        recorder.close(reason: "interrupted")
        log.write("error", ["case": caseID, "what": what, "why": "\(error)"])
        return nil
    }
}
