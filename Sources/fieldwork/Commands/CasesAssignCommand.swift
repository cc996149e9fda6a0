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

    func run() throws {
        try change.record(caseID: id, in: survey) { store, now in
            try store.assignCase(id: id, to: to, by: change.by, reason: change.reason, now: now)
        }
    }
}
