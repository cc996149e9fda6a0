import FieldworkBasics
import ArgumentParser
import FieldworkCases
import FieldworkChecker
import FieldworkEngine
import FieldworkExpressions
import FieldworkJournal
import FieldworkSurveyStores
import FieldworkScreen
import FieldworkTerminal
import Foundation

/// `fieldwork interview --data DIR --case ID --interviewer ID`: interview one case on the terminal.
/// Starting again on a case that was suspended, interrupted or crashed resumes it from its journal.
struct InterviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interview",
        abstract: "Interview one case on the terminal (resumes it if it was started before).",
        discussion: """
            Every answer is written to the case's journal (and flushed to disk) before the next \
            question appears, so a crash, a dropped line or Ctrl-C loses nothing; run the same \
            command again to resume. See docs/interviewer-guide.md for the keys.
            """
    )

    @Option(name: .customLong("data"), help: "The survey directory (made with `fieldwork init`).", completion: .directory)
    var data: String

    @Option(name: .customLong("case"), help: "The case id.")
    var caseID: String

    @Option(name: .long, help: "Your interviewer id (recorded with every sitting).")
    var interviewer: String

    @Flag(name: .customLong("accept-questionnaire-change"), help: "Resume a case started with an earlier questionnaire version.")
    var acceptQuestionnaireChange = false

    @Option(name: .customLong("sample"), help: "A sample field for the case, as FIELD=VALUE (repeatable); overrides the case store's value.")
    var sample: [String] = []

    func validate() throws {
        guard !interviewer.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--interviewer must not be empty")
        }
        for entry in sample where !entry.contains("=") || entry.hasPrefix("=") {
            throw ValidationError("--sample \(entry): write it as FIELD=VALUE, e.g. --sample business_name='Acme Ltd'")
        }
    }

    /// The sample fields given on the command line.
    var sampleFields: [String: String] { FieldValueArguments.parse(sample) }

    func run() throws {
        try CommandFailure.reporting {
            let directory = URL(fileURLWithPath: data, isDirectory: true)
            // Set-up problems first, before the screen starts.
            let stores = try SurveyStores.open(at: directory, reading: .caseByCase)
            let validID: CaseID
            do { validID = try CaseID(caseID) } catch let error as JournalError { throw CommandFailure(error.description) }
            _ = try CaseClock.now()
            let rules = try SchedulingRules.load(fromSurveyDirectory: directory)
            let store = try stores.caseStore(rules: rules)
            guard try store.caseDetail(id: caseID) != nil else {
                throw CommandFailure("case \(TerminalSafe.text(caseID)) is not in the survey's case store; import it first "
                    + "(fieldwork cases import SAMPLE.csv --data \(TerminalSafe.text(data))), so its calls and outcome are recorded")
            }
            let typed = sampleFields
            let interviewer = self.interviewer
            let data = self.data
            let accept = acceptQuestionnaireChange
            let run = LeasedInterview(store: store, interviewer: interviewer, clock: { try CaseClock.now() },
                                      classify: { StoppedInterviewRule.classify($0, rules: rules) },
                                      refusalIsHard: Self.askWhetherTheRefusalIsHard)
            let result: LeasedInterview.Result
            do {
                result = try run.run(caseID: caseID) { lease in
                    let launch = try InterviewLaunch.prepare(
                        directory: data, caseID: lease.caseID, interviewer: interviewer, acceptQuestionnaireChange: accept,
                        sampleProvider: FixedSampleProvider(fields: lease.interviewRecord(typed: typed).fields))
                    return InterviewTerminalSession(recorder: launch.recorder, context: launch.context,
                                            localTime: { SessionCaseViewBuilder.local($0, rules) }, appointmentTimeZoneID: rules.timeZoneID, appointmentProblem: { appointment in
                        InterviewAppointmentCheck.problem(with: appointment, rules: rules, now: (try? CaseClock.now()) ?? Date())
                    })
                }
            } catch CaseStoreError.caseIsFinal(_, let code) {
                let what = code == .complete ? "is already complete" : "has ended"
                throw CommandFailure("case \(caseID) \(what) (\(code)): nothing to interview; `fieldwork cases show \(caseID)` has its history")
            } catch CaseStoreError.leasedByAnother(_, let holder) {
                // The journal's lock says exactly who and where, when the holder has the interview open.
                if let open = stores.journals.currentHolder(caseID: validID) {
                    throw CommandFailure("case \(caseID) is open by interviewer \(TerminalSafe.text(open.interviewerID)) (pid \(open.pid), host \(TerminalSafe.text(open.hostname))) since \(JournalTimestamp.format(open.since))")
                }
                throw CommandFailure("case \(caseID) is being called by \(TerminalSafe.text(holder)) (the case store holds it for them); wait for them to finish or for the lease to expire")
            } catch let error as CaseStoreError {
                throw CommandFailure("cannot open case \(TerminalSafe.text(caseID)): \(error)")
            } catch let error as TerminalError {
                throw CommandFailure(error.message)
            } catch let locked as CaseLockedFailure {
                throw CommandFailure(locked.description)
            }
            switch result {
            case .recorded(let call, let attempt):
                print("Case \(caseID): \(Self.words(for: call)) → \(SessionLoop.describe(attempt, rules: rules)).")
            case .left: print("Case \(caseID): left; answers so far are saved. Run the same command to resume.")
            case .shutdown: break  // the terminal is gone or we were told to stop: exit quietly
            case .notRecorded(let why):
                throw CommandFailure("case \(caseID): the answers are saved, but the call was NOT recorded in the case store: \(why). "
                    + "Tell your supervisor; `fieldwork verify --data \(data) --repair` records what the journal proves.")
            }
        }
    }

    /// The outcome in the words the interviewer expects on leaving the screen.
    static func words(for call: CallAttemptInput) -> String {
        switch call.outcome {
        case .interviewComplete: "interview complete"
        case .suspendedWithAppointment:
            "suspended, appointment \(call.appointment.map { "\($0.start.displayText)" } ?? "")"
                + (call.note.isEmpty ? "" : " — \(call.note)")
        default: "interview ended (\(call.outcome.label))"
        }
    }

    /// After the screen has closed: soft (call again later to convert) or hard (never again)?
    static func askWhetherTheRefusalIsHard() -> Bool {
        guard isatty(STDIN_FILENO) != 0 else { return false }
        while true {
            FileHandle.standardOutput.write(Data("The interview was stopped as a refusal. Soft (s: call again later to convert) or hard (h: never call again)? ".utf8))
            guard let line = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() else { return false }
            if line == "h" || line == "hard" { return true }
            if line == "s" || line == "soft" { return false }
        }
    }
}

/// Everything an interview needs before the screen starts, with every failure explained in one line.
struct InterviewLaunch {
    let recorder: InterviewRecorder
    let context: InterviewScreenContext

    static func prepare(directory: String, caseID rawCaseID: String, interviewer: String,
                        acceptQuestionnaireChange: Bool, sampleProvider: InterviewSampleProvider) throws -> InterviewLaunch {
        let caseID: CaseID
        do {
            caseID = try CaseID(rawCaseID)
        } catch let error as JournalError {
            throw CommandFailure(error.description)
        }
        let stores = try SurveyStores.open(at: URL(fileURLWithPath: directory), reading: .caseByCase)
        let survey = stores.directory
        let (pinned, bytes) = try survey.currentQuestionnaire()
        let (checked, diagnostics) = Checker.check(bytes: [UInt8](bytes), file: survey.questionnaireURL(sha256: pinned.sha256).path)
        guard let instrument = checked else {
            let first = diagnostics.first { $0.severity == .error }.map { "\($0)" } ?? "unknown problem"
            throw CommandFailure("the survey's questionnaire \(pinned.id) version \(pinned.version) has errors; run `fieldwork check` on it. First: \(first)")
        }
        let record: SampleRecord
        do {
            record = try sampleProvider.sampleRecord(caseID: caseID.rawValue)
        } catch {
            throw CommandFailure("no sample record for case \(caseID): \(error)")
        }
        let stamp = QuestionnaireStamp(id: pinned.id, version: pinned.version, sha256: pinned.sha256)
        // The interview's date (`today()`) is the survey's local date, by the case clock.
        let rules = try SchedulingRules.load(fromSurveyDirectory: survey.root)
        let local = rules.local(try CaseClock.now())
        let day = CivilDate(year: local.year, month: local.month, day: local.day).daysSinceEpoch
        let recorder: InterviewRecorder
        do {
            let problems = record.problems(for: instrument)
            guard problems.isEmpty else { throw RecordingError.sample(problems) }
            // The case's journal wherever the survey keeps it (a file, or rows on the server).
            let journal = try stores.journals.openJournal(caseID: caseID, holder: HolderInfo.current(interviewerID: interviewer))
            recorder = try InterviewRecorder.open(journal: journal, caseID: caseID, interviewer: interviewer, instrument: instrument,
                                                  questionnaire: stamp, sample: record,
                                                  acceptQuestionnaireChange: acceptQuestionnaireChange, interviewDay: day)
        } catch RecordingError.journal(.caseLocked(let id, let holder?)), JournalError.caseLocked(let id, let holder?) {
            throw CaseLockedFailure("case \(id) is open by interviewer \(holder.interviewerID) (pid \(holder.pid), host \(holder.hostname)) since \(JournalTimestamp.format(holder.since))")
        } catch let error as RecordingError {
            throw CommandFailure(error.description)
        }
        switch recorder.interview.state.status {
        case .inProgress, .suspended:
            break
        case .completed:
            recorder.close(reason: "already-complete")
            throw CommandFailure("case \(caseID) is already complete: nothing to interview")
        case .ended(let outcome):
            recorder.close(reason: "already-ended")
            throw CommandFailure("case \(caseID) has ended (\(outcome)): nothing to interview")
        }
        if !recorder.replayProblems.isEmpty {
            Output.error("warning: \(recorder.replayProblems.count) earlier event(s) no longer fit the questionnaire and were skipped")
        }
        let questionnaire = instrument.questionnaire
        let display = questionnaire.sampleFields.filter(\.identifier).compactMap { field -> String? in
            guard let value = record.fields[field.name], !value.isEmpty else { return nil }
            return value
        }
        let context = InterviewScreenContext(caseID: caseID.rawValue, interviewerID: interviewer, sampleDisplay: display)
        return InterviewLaunch(recorder: recorder, context: context)
    }
}

/// The case's journal is held by another process; the session skips such a case.
struct CaseLockedFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
