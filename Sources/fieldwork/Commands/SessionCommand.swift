import ArgumentParser
import FieldworkCases
import FieldworkJournal
import FieldworkReconciliation
import FieldworkSurveyStores
import FieldworkScreen
import FieldworkTerminal
import Foundation

/// `fieldwork session --data DIR --interviewer ID`: an interviewer's shift. The case store hands
/// out the next case, the interviewer dials it and records the outcome or runs the interview,
/// and the next case follows, until they end the session. Many sessions share one survey
/// directory; no case is ever handed to two of them at once.
struct SessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session",
        abstract: "Call cases one after another: dial, record the outcome or interview, next case.",
        discussion: """
            Times come from FIELDWORK_NOW (ISO-8601, e.g. 2026-12-01T10:00:00Z) when set, else the real \
            clock; calling rules from scheduling.json in the survey directory. See "The session loop" \
            in docs/interviewer-guide.md for the keys.
            """
    )

    @Option(name: .customLong("data"), help: "The survey directory (made with `fieldwork init`, sample imported with `fieldwork cases import`).",
            completion: .directory)
    var data: String

    @Option(name: .long, help: "Your interviewer id (recorded with every call and interview).")
    var interviewer: String

    @Option(name: .customLong("poll-seconds"), help: "How often to look for work again when there is none.")
    var pollSeconds: Int = 30

    @Flag(name: .customLong("wrap-up"), help: "After each recorded call, wait in wrap-up until Enter asks for the next case.")
    var wrapUp = false

    func validate() throws {
        guard !interviewer.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--interviewer must not be empty")
        }
        guard pollSeconds >= 1 else { throw ValidationError("--poll-seconds must be at least 1") }
    }

    func run() throws {
        try CommandFailure.reporting {
            let directory = URL(fileURLWithPath: data, isDirectory: true)
            // Fail before the screen starts: a bad clock, survey directory or rules are set-up problems.
            _ = try CaseClock.now()
            let stores = try SurveyStores.open(at: directory, reading: .caseByCase)
            let rules = try SchedulingRules.load(fromSurveyDirectory: directory)
            let store = try stores.caseStore(rules: rules)
            let interviewer = self.interviewer
            let data = self.data
            // The pinned questionnaire, read once when a leased case's journal holds a break-off the
            // store lacks (its code depends on the share of questions answered).
            let instrument = PinnedInstrument(survey: stores.directory)
            // Interviewer states (the supervisor's console), in whichever store the survey keeps its cases.
            let stateLog = (store as? any CaseAdministration).map {
                InterviewerStateLog(store: $0, interviewer: interviewer,
                                    session: "\(ProcessInfo.processInfo.processIdentifier)@\(Int(Date().timeIntervalSince1970))")
            }
            let loop = SessionLoop(store: store, interviewer: interviewer, clock: { try CaseClock.now() },
                                   pollSeconds: pollSeconds, classify: { StoppedInterviewRule.classify($0, rules: rules) },
                                   stateLog: stateLog, wrapUp: wrapUp,
                                   partialInterview: { Self.partialInterview(caseID: $0, journals: stores.journals, rules: rules) },
                                   settle: { lease in
                let recorded = try LeasedCaseSettlement.settle(lease, journals: stores.journals, store: store,
                                                               instrument: instrument.value, now: try CaseClock.now())
                return LeasedCaseSettlement.message(recorded).map { SessionMessage($0) }
            }) { lease in
                try Self.openInterview(lease, directory: data, interviewer: interviewer, rules: rules)
            }
            let ending: SessionLoop.Ending
            do {
                ending = try loop.run()
            } catch let error as TerminalError {
                throw CommandFailure(error.message)
            }
            switch ending {
            case .ended(let calls): print("Session ended: \(calls) call\(calls == 1 ? "" : "s") recorded.")
            case .shutdown: break  // the terminal is gone or we were told to stop: exit quietly
            }
        }
    }

    /// The case screen's line about a partial interview, from the case's journal; nil when there is
    /// none (or the journal cannot be read: the interview itself then says what is wrong).
    static func partialInterview(caseID: String, journals: any JournalStore, rules: SchedulingRules) -> String? {
        guard let id = try? CaseID(caseID), let history = try? journals.history(caseID: id.rawValue) else { return nil }
        return InterviewResumeSummaryBuilder.caseScreenLine(history: history, localTime: { SessionCaseViewBuilder.local($0, rules) })
    }

    /// Opens the leased case's interview with the lease's sample fields; a case whose journal is
    /// open elsewhere is reported as locked so the session skips it.
    static func openInterview(_ lease: CaseLease, directory: String, interviewer: String, rules: SchedulingRules) throws -> InterviewTerminalSession {
        do {
            let launch = try InterviewLaunch.prepare(directory: directory, caseID: lease.caseID, interviewer: interviewer,
                                                     acceptQuestionnaireChange: false,
                                                     sampleProvider: FixedSampleProvider(fields: lease.interviewRecord().fields))
            return InterviewTerminalSession(recorder: launch.recorder, context: launch.context,
                                            localTime: { SessionCaseViewBuilder.local($0, rules) }, appointmentTimeZoneID: rules.timeZoneID, appointmentProblem: { appointment in
                InterviewAppointmentCheck.problem(with: appointment, rules: rules, now: (try? CaseClock.now()) ?? Date())
            })
        } catch let locked as CaseLockedFailure {
            throw SessionInterviewUnavailable.caseLocked(locked.description)
        } catch let failure as CommandFailure {
            throw SessionInterviewUnavailable.failed(failure.description)
        } catch let journal as JournalError {
            throw SessionInterviewUnavailable.failed(journal.description)
        }
    }
}
