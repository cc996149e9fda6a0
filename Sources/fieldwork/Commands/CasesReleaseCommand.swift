import ArgumentParser
import FieldworkCases
import Foundation

/// `fieldwork cases release ID --by SUPERVISOR --reason TEXT`: ends whoever's lease, audited.
struct CasesReleaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "Release a case's lease, whoever holds it, so it goes back to the pool (audited)."
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
        let entry = try store.releaseCase(id: id, by: change.by, reason: change.reason, now: now)
        try CaseChangeOutput.print(caseID: id, entry, json: json, rules: store.rules)
    }
}
