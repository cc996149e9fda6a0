import ArgumentParser
import FieldworkCases
import Foundation

/// `fieldwork cases close-wave`: gives every open case its final AAPOR code at the end of fieldwork.
struct CasesCloseWaveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close-wave",
        abstract: "End fieldwork: finalise every open case with its interim AAPOR code.",
        discussion: """
            Each open case gets the code it stands at (see `cases show`): never attempted 3.11; no contact 3.12/3.13/3.14,
            or 2.20/2.21/2.221/2.222 once eligibility was confirmed; an appointment never kept 2.21; a soft refusal 2.11;
            withheld by a full quota cell 4.80. Each is recorded with its rule, e.g. "close-wave: never attempted → 3.11".
            Refused while any case is leased (being called). Closing a second time needs --again.
            """
    )

    @OptionGroup var survey: SurveyDirectoryOptions

    @Flag(name: .long, help: "Close again after an earlier closing (finalises cases opened or imported since).")
    var again = false

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    struct Report: Encodable {
        struct Assigned: Encodable { var code: String; var label: String; var count: Int }
        var closed: Bool
        var message: String
        var closedAt: Date?
        var previousClosingAt: Date?
        var casesInStore: Int
        var alreadyFinal: Int
        var casesClosed: Int
        var assigned: [Assigned]
    }

    func run() throws {
        let now = try CaseClock.now()
        let store = try survey.openAdministration()
        let closing = try store.closeWave(now: now, again: again)
        let rules = store.rules
        let message: String
        if closing.closedAt == nil {
            message = "no cases in the store; nothing to close"
        } else {
            message = "Closed the wave at \(CasesOutput.local(now, rules)) \(rules.timeZoneID): "
                + "\(closing.casesClosed) open case(s) finalised, \(closing.alreadyFinal) already final."
        }
        let report = Report(
            closed: closing.closedAt != nil, message: message, closedAt: closing.closedAt,
            previousClosingAt: closing.previousClosingAt, casesInStore: closing.casesInStore, alreadyFinal: closing.alreadyFinal,
            casesClosed: closing.casesClosed,
            assigned: closing.assigned.sorted { $0.key.code < $1.key.code }
                .map { Report.Assigned(code: $0.key.code, label: $0.key.label, count: $0.value) })
        if json {
            print(try CasesOutput.json(report))
            return
        }
        print(message)
        if let previous = closing.previousClosingAt, closing.closedAt != nil {
            print("(closed before at \(CasesOutput.local(previous, rules)))")
        }
        for a in report.assigned {
            print("  \(CasesOutput.padded(a.code, 6)) \(CasesOutput.padded(a.label, 62)) \(a.count)")
        }
    }
}
