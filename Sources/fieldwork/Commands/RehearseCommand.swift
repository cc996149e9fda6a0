import FieldworkBasics
import ArgumentParser
import FieldworkCases
import FieldworkChecker
import FieldworkExpressions
import FieldworkJournal
import FieldworkSurveyStores
import FieldworkRehearsal
import Foundation

/// `fieldwork rehearse --data DIR --interviewers N --days D --seed S`: a wave of calling,
/// simulated through the real case store, engine and journals.
struct RehearseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rehearse",
        abstract: "Simulate a team calling the survey's sample for some days, through the real scheduler, engine and journals.",
        discussion: """
            Every call goes through the case store as in `fieldwork session`, every interview through \
            the engine with the simulator's answers, every interview into its journal. The contact \
            model's parameters are printed with the report (docs/rehearsal.md). Deterministic given \
            --seed on a fresh survey directory. Run it on a copy of a survey: it records calls.
            """
    )

    @Option(name: .customLong("data"), help: "The survey directory, with its sample imported.", completion: .directory)
    var data: String

    @Option(name: .long, help: "How many interviewers call at once.")
    var interviewers: Int = 10

    @Option(name: .long, help: "How many calling days to rehearse.")
    var days: Int = 5

    @Option(name: .long, help: "The seed: the same seed on the same survey gives the same wave.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "The first day (YYYY-MM-DD, survey time zone); default: today by FIELDWORK_NOW or the clock.")
    var start: String?

    @Option(name: .long, help: "Completes wanted: the report says when they are reached, or projects it.")
    var target: Int = 1600

    @Flag(name: .customLong("no-fsync"), help: "Do not fsync journal writes (rehearsals only: much faster; a crash may lose the last interviews).")
    var noFsync = false

    @Flag(name: .customLong("until-target"), help: "Stop at the end of the day the target is reached (--days is then the most).")
    var untilTarget = false

    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false

    func validate() throws {
        guard interviewers >= 1, interviewers <= 500 else { throw ValidationError("--interviewers must be 1 to 500") }
        guard days >= 1, days <= 366 else { throw ValidationError("--days must be 1 to 366") }
        guard target >= 1 else { throw ValidationError("--target must be at least 1") }
        if let start, CivilDate(parsing: start) == nil { throw ValidationError("--start \(start) is not a date; write YYYY-MM-DD") }
    }

    func run() throws {
        try CommandFailure.reporting {
            let directory = URL(fileURLWithPath: data, isDirectory: true)
            let stores = try SurveyStores.open(at: directory, reading: .caseByCase)
            let survey = stores.directory
            let (pinned, bytes) = try survey.currentQuestionnaire()
            let (checked, diagnostics) = Checker.check(bytes: [UInt8](bytes), file: survey.questionnaireURL(sha256: pinned.sha256).path)
            guard let instrument = checked else {
                let first = diagnostics.first { $0.severity == .error }.map { "\($0)" } ?? "unknown problem"
                throw CommandFailure("the survey's questionnaire has errors; run `fieldwork check` on it. First: \(first)")
            }
            let rules = try SchedulingRules.load(fromSurveyDirectory: directory)
            // A rehearsal runs on its own simulated days: calls are recorded at the rehearsal's times.
            let store = try stores.caseStore(rules: rules, callersTimes: true)
            guard try store.statusCounts(now: Date()).total > 0 else {
                throw CommandFailure("the survey has no cases; import a sample first (fieldwork cases import SAMPLE.csv --data \(data))")
            }
            let first: CivilDate
            if let start, let date = CivilDate(parsing: start) {
                first = date
            } else {
                let local = rules.local(try CaseClock.now())
                first = CivilDate(year: local.year, month: local.month, day: local.day)
            }
            let stamp = QuestionnaireStamp(id: pinned.id, version: pinned.version, sha256: pinned.sha256)
            let rehearsal = WaveRehearsal(survey: stores.journals, store: store, instrument: instrument, questionnaire: stamp,
                                          options: .init(interviewers: interviewers, days: days, seed: seed, start: first,
                                                         target: target, fsync: !noFsync, untilTarget: untilTarget))
            let report: RehearsalReport
            do { report = try rehearsal.run() } catch let error as CaseStoreError {
                throw CommandFailure("the rehearsal stopped: \(error)")
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                Output.printJSON(try encoder.encode(report))
            } else {
                print(Self.render(report), terminator: "")
            }
        }
    }

    static func render(_ r: RehearsalReport) -> String {
        var out = "Rehearsal: \(r.interviewers) interviewer(s), \(r.days.count) calling day(s), \(r.cases) cases, seed \(r.seed)\n"
        out += "Contact model:\n" + r.contactModel.map { "  \($0)\n" }.joined()
        out += "  date         calls  started  completes  ended early  interviewer hours\n"
        for d in r.days {
            out += "  \(d.date)  \(pad(d.calls, 5))  \(pad(d.interviewsStarted, 7))  \(pad(d.completes, 9))  \(pad(d.endedByQuestionnaire, 11))  \(DecimalText.padded(DecimalText.fixed(d.interviewerHours, places: 1), width: 17))\n"
        }
        out += "Total: \(r.calls) calls, \(r.completes) completes"
        if let h = r.hoursPerComplete { out += ", \(DecimalText.fixed(h, places: 2)) interviewer hours per complete" }
        out += "\n"
        if let reached = r.targetReachedOn {
            out += "Target of \(r.target) completes reached on \(reached).\n"
        } else if let days = r.projectedCallingDays {
            out += "Target of \(r.target) completes not reached; at this rate it takes about \(days) calling days with \(r.interviewers) interviewer(s).\n"
        } else {
            out += "Target of \(r.target) completes not reached, and nothing was completed to project from.\n"
        }
        if !r.fsync { out += "Journals were written without fsync (--no-fsync).\n" }
        return out
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: " ", count: max(0, width - s.count)) + s
    }
}
