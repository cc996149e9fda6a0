import ArgumentParser
import FieldworkCases
import Foundation

/// Who is changing a case and why: required by every case-administration command, and written to
/// the case's audit trail (`cases show`).
struct CaseChangeOptions: ParsableArguments {
    @Option(name: .long, help: "The supervisor making the change (written to the audit trail).")
    var by: String

    @Option(name: .long, help: "Why the case is being changed (written to the audit trail).")
    var reason: String

    @Flag(name: .long, help: "Print the audit row as JSON instead of text.")
    var json = false

    /// Opens the survey's case store, makes one audited change to `caseID` at the current time, and
    /// prints the audit row it wrote: the run of every case-administration command.
    func record(caseID: String, in survey: SurveyDirectoryOptions,
                _ change: (_ store: any CaseAdministration, _ now: Date) throws -> CaseAuditEntry) throws {
        let now = try CaseClock.now()
        let store = try survey.openAdministration()
        let entry = try change(store, now)
        try CaseChangeOutput.print(caseID: caseID, entry, json: json, rules: store.rules)
    }
}
