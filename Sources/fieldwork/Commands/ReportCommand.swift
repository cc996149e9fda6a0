import ArgumentParser
import FieldworkCases
import FieldworkExport
import FieldworkReport
import Foundation

/// `fieldwork report`: the supervisor's and client's fieldwork report — progress, AAPOR table and
/// rates, interview lengths, quota cells and toplines — as text, one self-contained HTML page, or JSON.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Fieldwork report: progress, AAPOR dispositions and rates, interview length, quota cells, toplines.",
        discussion: """
            Progress, dispositions, rates and quota cells come from the case store (cases.sqlite); lengths and \
            toplines from the journals of completed interviews, replayed as `fieldwork export` does. Days and \
            hours are counted in the survey time zone (scheduling.json). Toplines are weighted when cases.sqlite \
            has a weights table (case_id, weight). The clock is FIELDWORK_NOW when set. See docs/reports.md.
            """
    )

    @Option(name: .long, help: "The survey directory.")
    var data: String

    @Option(name: .long, help: "text, html or json.")
    var format: String

    @Option(name: .long, help: "Write to this file (replaced if it exists) instead of standard output; - is standard output.")
    var out: String?

    @Option(name: .customLong("e"), help: "Fixed e (0…1) for RR3, RR4, REF2 and CON2 instead of scheduling.json's or the proportional estimate.")
    var e: Double?

    @Option(name: .customLong("short-minutes"), help: "Also flag completed interviews shorter than this many minutes (besides those under half the median).")
    var shortMinutes: Double?

    func validate() throws {
        guard ReportFormat(rawValue: format) != nil else {
            throw ValidationError("--format \(format): use text, html or json")
        }
        if let e, !(0...1).contains(e) {
            throw ValidationError("--e must be a share between 0 and 1 (for example 0.8), not \(e)")
        }
        if let shortMinutes, !(shortMinutes.isFinite && shortMinutes > 0) {
            throw ValidationError("--short-minutes must be a number of minutes above 0 (for example 8), not \(shortMinutes)")
        }
        if let out, out.isEmpty { throw ValidationError("--out needs a file name, or - for standard output") }
    }

    func run() throws {
        let report: SurveyReport
        let text: String
        do {
            let now = try CaseClock.now()
            report = try ReportBuilder(directory: URL(fileURLWithPath: data, isDirectory: true), now: now, fixedE: e, shortFloorMinutes: shortMinutes).build()
            text = try (ReportFormat(rawValue: format) ?? .text).render(report)
        } catch {
            Output.error("fieldwork report: \(Self.message(error))")
            throw ExitCode(1)
        }
        guard let out, out != "-" else {
            // JSON keeps its values (C1 controls as \u escapes); text and HTML show them visibly.
            print(format == "json" ? TerminalText.json(text) : text, terminator: "")
            return
        }
        do {
            try QuestionnaireDocumentFile.write(text, to: URL(fileURLWithPath: out))
        } catch {
            Output.error("fieldwork report: cannot write \(out): \(Self.message(error))")
            throw ExitCode(1)
        }
        print("wrote the \(format) report (\(report.progress.totalCases) case(s), \(report.toplines.completes) completed interview(s)) to \(out)")
    }

    static func message(_ error: any Error) -> String {
        String(describing: error)
    }
}
