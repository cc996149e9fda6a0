import FieldworkBasics
import ArgumentParser
import FieldworkCases
import FieldworkScreen
import Foundation

/// `fieldwork cases appointments`: booked appointments on open cases, overdue first, then due now and
/// later today (`--all` adds later days), optionally only those one interviewer booked.
struct CasesAppointmentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appointments",
        abstract: "List booked appointments: overdue, due now, later today (--all: every day), by interviewer."
    )

    @Option(name: .long, help: "Only appointments this interviewer (or supervisor) booked.")
    var interviewer: String?

    @Flag(name: .long, help: "Include appointments after today.")
    var all = false

    @OptionGroup var survey: SurveyDirectoryOptions

    @Flag(name: .long, help: "Print the list as JSON.")
    var json = false

    struct Report: Encodable {
        var at: Date
        var appointments: [AppointmentListing]
    }

    func run() throws {
        let now = try CaseClock.now()
        let store = try survey.openAdministration()
        let list = try store.appointmentListings(now: now, bookedBy: interviewer, includeLater: all)
        if json {
            print(try CasesOutput.json(Report(at: now, appointments: list)))
            return
        }
        let rules = store.rules
        print("Appointments at \(CasesOutput.local(now, rules)) \(rules.timeZoneID)"
            + (interviewer.map { " booked by \(TerminalSafe.text($0))" } ?? ""))
        let sections: [(AppointmentListing.Standing, String)] = [
            (.overdue, "Overdue (the time passed without a call)"), (.due, "Due now"), (.today, "Later today"), (.later, "Later days"),
        ]
        for (standing, title) in sections {
            let rows = list.filter { $0.standing == standing }
            if rows.isEmpty && standing == .later && !all { continue }
            print("\(title): \(rows.count)")
            for a in rows {
                let end = a.end.map { "–" + $0.displayText } ?? ""
                let held = a.heldBy.map { " · held by \(TerminalSafe.text($0))" } ?? ""
                print("  \(CasesOutput.padded(TerminalSafe.text(a.caseID), 12)) \(CasesOutput.local(a.at, rules))\(end)  "
                    + "\(a.kind.rawValue)  booked by \(TerminalSafe.text(a.bookedBy))\(held)")
            }
        }
    }
}
