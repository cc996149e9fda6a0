import FieldworkBasics
import FieldworkCases
import FieldworkScreen
import Foundation

/// The line a case-administration command prints for the audit row it wrote, or the row as JSON.
enum CaseChangeOutput {
    struct Report: Encodable {
        var caseID: String
        var audit: CaseAuditEntry
    }

    static func print(caseID: String, _ entry: CaseAuditEntry, json: Bool, rules: SchedulingRules) throws {
        if json {
            Output.line(try CasesOutput.json(Report(caseID: caseID, audit: entry)))
            return
        }
        Output.line("Case \(TerminalSafe.text(caseID)): \(entry.action.rawValue) by \(TerminalSafe.text(entry.by)) "
            + "at \(CasesOutput.local(entry.at, rules)) \(rules.timeZoneID)")
        Output.line("  before: \(TerminalSafe.text(entry.before))")
        Output.line("  after:  \(TerminalSafe.text(entry.after))")
        Output.line("  reason: \(TerminalSafe.text(entry.reason))")
    }
}
