import ArgumentParser
import FieldworkCases
import Foundation

/// `fieldwork cases correct ID --code X.YY --by SUPERVISOR --reason TEXT`: corrects a final code, audited.
struct CasesCorrectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correct",
        abstract: "Correct a final case's AAPOR code to another known code (audited with the old and new code)."
    )

    @Argument(help: "The case id.")
    var id: String

    @Option(name: .long, help: "The AAPOR code the case should have, e.g. 1.1 or 2.11.")
    var code: String

    @OptionGroup var change: CaseChangeOptions

    @OptionGroup var survey: SurveyDirectoryOptions

    @Flag(name: .long, help: "Print the audit row as JSON instead of text.")
    var json = false

    func run() throws {
        let now = try CaseClock.now()
        let store = try survey.openStore()
        let entry = try store.correctDisposition(id: id, to: code, by: change.by, reason: change.reason, now: now)
        try CaseChangeOutput.print(caseID: id, entry, json: json, rules: store.rules)
    }
}
