import ArgumentParser
import FieldworkJournal
import Foundation

/// `fieldwork verify`: checks every journal and pinned questionnaire in a survey directory.
/// Exit status 1 when anything is corrupt; a torn tail (the last, unacknowledged write of a
/// crashed session) is reported but allowed, since no acknowledged answer was lost.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check every case journal in a survey directory for damage.",
        discussion: """
            Reports per case the number of records and whether the interview is complete or in \
            progress, plus torn tails, checksum failures, sequence gaps and any other damage. \
            Exits with status 1 when anything is corrupt. A torn tail or an interrupted write left by \
            a crash is reported but does not fail verification: nothing acknowledged was lost.
            """
    )

    @Option(name: .long, help: "The survey directory (default: the current directory).", completion: .directory)
    var data: String = "."

    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false

    func run() throws {
        var failed = false
        try JournalCLIFailure.reporting {
            let survey = try SurveyDirectory.open(at: URL(fileURLWithPath: data))
            let report = try SurveyVerification.run(survey)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                FileHandle.standardOutput.write(try encoder.encode(report) + Data("\n".utf8))
            } else {
                print(Self.render(report), terminator: "")
            }
            if !report.ok {
                let count = report.summary.corruptJournals
                var parts: [String] = []
                if count > 0 { parts.append("\(count) journal\(count == 1 ? " is" : "s are") damaged") }
                let damaged = report.summary.damagedQuestionnaires
                if damaged > 0 { parts.append("\(damaged) pinned questionnaire\(damaged == 1 ? " is" : "s are") damaged") }
                FileHandle.standardError.write(Data("verify failed: \(parts.joined(separator: ", ")); restore the damaged files from a backup before exporting\n".utf8))
                failed = true
            }
        }
        if failed { throw ExitCode.failure }
    }

    static func render(_ report: SurveyVerification) -> String {
        var out = "Survey directory \(report.directory)\n"
        let damagedQuestionnaires = report.questionnaires.filter { $0.problem != nil }
        let current = report.questionnaires.first { $0.current }
        out += "Questionnaires: \(report.questionnaires.count) pinned, "
        out += damagedQuestionnaires.isEmpty ? "all intact" : "\(damagedQuestionnaires.count) DAMAGED"
        if let current { out += " (current: \(current.id) version \(current.version))" }
        out += "\n"
        for questionnaire in damagedQuestionnaires {
            out += "  \(questionnaire.problem ?? "")\n"
        }
        let width = max(4, report.journals.map(\.caseID.count).max() ?? 0)
        for journal in report.journals {
            let name = journal.caseID.padding(toLength: width, withPad: " ", startingAt: 0)
            let records = String(journal.records)
            out += "\(name)  \(String(repeating: " ", count: max(0, 6 - records.count)))\(records) record\(journal.records == 1 ? " " : "s")  \(journal.status.rawValue)"
            if journal.corrupt { out += "  DAMAGED" }
            out += "\n"
            for problem in journal.problems {
                out += problem.line > 0 ? "    line \(problem.line): \(problem.message)\n" : "    \(problem.message)\n"
            }
        }
        let summary = report.summary
        out += "\(summary.journals) journal\(summary.journals == 1 ? "" : "s"): \(summary.complete) complete, \(summary.inProgress) in progress, \(summary.empty) empty; \(summary.records) records"
        if summary.tornTails > 0 { out += "; \(summary.tornTails) torn tail\(summary.tornTails == 1 ? "" : "s") (unacknowledged writes, allowed)" }
        out += summary.corruptJournals > 0 ? "; \(summary.corruptJournals) DAMAGED\n" : "; no damage\n"
        return out
    }
}
