import ArgumentParser
import FieldworkCases
import Foundation

/// `fieldwork cases reopen ID --by SUPERVISOR --reason TEXT`: takes a final case back into fieldwork, audited.
struct CasesReopenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reopen",
        abstract: "Reopen a final case: status retry, final code cleared, interim code recomputed (audited)."
    )

    @Argument(help: "The case id.")
    var id: String

    @OptionGroup var change: CaseChangeOptions

    @OptionGroup var survey: SurveyDirectoryOptions

    @Flag(name: .long, help: "Print the audit row as JSON instead of text.")
    var json = false

    func run() throws {
        let now = try CaseClock.now()
        let store = try survey.openStore()
        let entry = try store.reopenCase(id: id, by: change.by, reason: change.reason, now: now)
        try CaseChangeOutput.print(caseID: id, entry, json: json, rules: store.rules)
    }
}
