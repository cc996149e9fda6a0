import ArgumentParser
import FieldworkCases
import FieldworkChecker
import FieldworkEngine
import FieldworkJournal
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
    var sampleFields: [String: String] {
        var fields: [String: String] = [:]
        for entry in sample {
            guard let equals = entry.firstIndex(of: "=") else { continue }
            fields[String(entry[..<equals])] = String(entry[entry.index(after: equals)...])
        }
        return fields
    }

    /// The case's sample fields from the survey's case store (`cases.sqlite`), when the store exists
    /// and holds the case; empty otherwise (the interview then uses `--sample` alone).
    func storedSampleFields() throws -> [String: String] {
        let directory = URL(fileURLWithPath: data, isDirectory: true)
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent(SQLiteCaseStore.fileName).path) else { return [:] }
        do {
            let rules = try SchedulingRules.load(fromSurveyDirectory: directory)
            let store = try SQLiteCaseStore(surveyDirectory: directory, rules: rules)
            return try store.caseDetail(id: caseID)?.fields ?? [:]
        } catch {
            throw JournalCLIFailure("cannot read case \(TerminalSafe.text(caseID)) from the case store: \(error)")
        }
    }

    func run() throws {
        try JournalCLIFailure.reporting {
            let launch = try InterviewLaunch.prepare(
                directory: data, caseID: caseID, interviewer: interviewer,
                acceptQuestionnaireChange: acceptQuestionnaireChange,
                sampleProvider: FixedSampleProvider(fields: try storedSampleFields().merging(sampleFields) { _, typed in typed }))
            let session = InterviewTerminalSession(recorder: launch.recorder, context: launch.context)
            let ending: InterviewTerminalSession.Ending
            do {
                ending = try session.run()
            } catch let error as TerminalError {
                throw JournalCLIFailure(error.message)
            }
            switch ending {
            case .completed: print("Case \(caseID): interview complete.")
            case .suspended(let appointment): print("Case \(caseID): suspended, appointment \(appointment.summary).")
            case .stopped(let outcome): print("Case \(caseID): interview ended (\(outcome)).")
            case .left: print("Case \(caseID): left; answers so far are saved. Run the same command to resume.")
            case .shutdown: break  // the terminal is gone or we were told to stop: exit quietly
            }
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
            throw JournalCLIFailure(error.description)
        }
        let survey = try SurveyDirectory.open(at: URL(fileURLWithPath: directory))
        let (pinned, bytes) = try survey.currentQuestionnaire()
        let (checked, diagnostics) = Checker.check(bytes: [UInt8](bytes), file: survey.questionnaireURL(sha256: pinned.sha256).path)
        guard let instrument = checked else {
            let first = diagnostics.first { $0.severity == .error }.map { "\($0)" } ?? "unknown problem"
            throw JournalCLIFailure("the survey's questionnaire \(pinned.id) version \(pinned.version) has errors; run `fieldwork check` on it. First: \(first)")
        }
        let record: SampleRecord
        do {
            record = try sampleProvider.sampleRecord(caseID: caseID.rawValue)
        } catch {
            throw JournalCLIFailure("no sample record for case \(caseID): \(error)")
        }
        let stamp = QuestionnaireStamp(id: pinned.id, version: pinned.version, sha256: pinned.sha256)
        let recorder: InterviewRecorder
        do {
            recorder = try InterviewRecorder.open(directory: survey, caseID: caseID, interviewer: interviewer, instrument: instrument,
                                                  questionnaire: stamp, sample: record,
                                                  acceptQuestionnaireChange: acceptQuestionnaireChange)
        } catch RecordingError.journal(.caseLocked(let id, let holder?)) {
            throw CaseLockedFailure("case \(id) is open by interviewer \(holder.interviewerID) (pid \(holder.pid), host \(holder.hostname)) since \(JournalTimestamp.format(holder.since))")
        } catch let error as RecordingError {
            throw JournalCLIFailure(error.description)
        }
        switch recorder.interview.state.status {
        case .inProgress, .suspended:
            break
        case .completed:
            recorder.close(reason: "already-complete")
            throw JournalCLIFailure("case \(caseID) is already complete: nothing to interview")
        case .ended(let outcome):
            recorder.close(reason: "already-ended")
            throw JournalCLIFailure("case \(caseID) has ended (\(outcome)): nothing to interview")
        }
        if !recorder.replayProblems.isEmpty {
            FileHandle.standardError.write(Data("warning: \(recorder.replayProblems.count) earlier event(s) no longer fit the questionnaire and were skipped\n".utf8))
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

/// `fieldwork interview-bench --questionnaire FILE`: keypress → new frame timings on a
/// questionnaire (engine decide/apply plus composition; no journal). Hidden: for developers.
struct InterviewBenchmarkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interview-bench",
        abstract: "Time keypress → composed interview frame on a questionnaire.",
        shouldDisplay: false
    )

    @Option(name: .long, help: "The questionnaire JSON file.")
    var questionnaire: String

    @Option(name: .long, help: "Keypresses to time.")
    var keys: Int = 20_000

    @Option(name: .long, parsing: .upToNextOption, help: "Sample fields as FIELD=VALUE.")
    var sample: [String] = ["business_name=Bench Ltd", "phone=020 0000 0000", "sector=G"]

    func run() throws {
        let instrument = QuestionnaireLoading.loadOrExit(questionnaire)
        var fields: [String: String] = [:]
        for entry in sample {
            guard let equals = entry.firstIndex(of: "=") else { continue }
            fields[String(entry[..<equals])] = String(entry[entry.index(after: equals)...])
        }
        let start = Interview(instrument: instrument, sample: SampleRecord(fields))
        print(InterviewBenchmark.run(start: start, iterations: max(1, keys)))
    }
}
