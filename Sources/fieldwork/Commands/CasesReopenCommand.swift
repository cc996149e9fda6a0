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

    func run() throws {
        try change.record(caseID: id, in: survey) { store, now in
            try store.reopenCase(id: id, by: change.by, reason: change.reason, now: now)
        }
    }
}
