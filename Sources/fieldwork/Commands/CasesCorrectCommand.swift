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

    func run() throws {
        try change.record(caseID: id, in: survey) { store, now in
            try store.correctDisposition(id: id, to: code, by: change.by, reason: change.reason, now: now)
        }
    }
}
