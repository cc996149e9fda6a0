import ArgumentParser
import FieldworkCases
import Foundation

/// `fieldwork cases assign ID --to INTERVIEWER --by SUPERVISOR --reason TEXT`: leases a case to an interviewer, audited.
struct CasesAssignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assign",
        abstract: "Lease an open case to an interviewer so their next session opens it (audited)."
    )

    @Argument(help: "The case id.")
    var id: String

    @Option(name: .long, help: "The interviewer to lease the case to.")
    var to: String

    @OptionGroup var change: CaseChangeOptions

    @OptionGroup var survey: SurveyDirectoryOptions

    @Flag(name: .long, help: "Print the audit row as JSON instead of text.")
    var json = false

    func run() throws {
        let now = try CaseClock.now()
        let store = try survey.openStore()
        let entry = try store.assignCase(id: id, to: to, by: change.by, reason: change.reason, now: now)
        try CaseChangeOutput.print(caseID: id, entry, json: json, rules: store.rules)
    }
}
