import FieldworkBasics
import FieldworkScreen
import FieldworkScreen
import ArgumentParser
import FieldworkCases
import Foundation

/// `fieldwork cases show ID`: one case's fields and full call history.
struct CasesShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show a case: sample fields, status, every call attempt and appointment."
    )

    @Argument(help: "The case id.")
    var id: String

    @OptionGroup var survey: SurveyDirectoryOptions

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    struct Report: Encodable {
        var caseID: String
        var status: String
        var finalDisposition: AAPORDisposition?
        var finalRule: String?
        var interimDisposition: AAPORDisposition?
        var fields: [String: String]
        /// Values from an earlier wave by preload name (`fieldwork cases preload`).
        var preload: [String: String]
        var everEligible: Bool
        var withheldByQuota: Bool
        var leaseHolder: String?
        var leaseExpiresAt: Date?
        /// True when the lease has run out (the case is back in the pool); nil without a lease.
        var leaseExpired: Bool?
        var nextCallableAt: Date?
        var importedAt: Date
        var importSource: String
        var attempts: [CallAttempt]
        var appointments: [StoredAppointment]
        var finalisations: [CaseFinalisation]
        /// Supervisors' changes, oldest first (release, reopen, correct, assign).
        var audit: [CaseAuditEntry]
        /// The sample replicate (nil when imported without one) and whether it has been released.
        var replicate: Int?
        var released: Bool
    }

    func run() throws {
        let now = try CaseClock.now()
        let store = try survey.openCaseStore()
        guard let detail = try store.caseDetail(id: id) else {
            CasesOutput.standardError("no case with id '\(TerminalSafe.text(id))' in \(TerminalSafe.text(survey.data))")
            throw ExitCode(1)
        }
        if json {
            print(try CasesOutput.json(Report(
                caseID: detail.caseID, status: detail.status.rawValue, finalDisposition: detail.finalDisposition,
                finalRule: detail.finalRule, interimDisposition: detail.interimDisposition,
                fields: detail.fields, preload: detail.preload, everEligible: detail.everEligible, withheldByQuota: detail.withheldByQuota,
                leaseHolder: detail.leaseHolder, leaseExpiresAt: detail.leaseExpiresAt,
                leaseExpired: detail.leaseExpiresAt.map { $0 <= now }, nextCallableAt: detail.nextCallableAt,
                importedAt: detail.importedAt, importSource: detail.importSource, attempts: detail.attempts,
                appointments: detail.appointments, finalisations: detail.finalisations, audit: detail.audit,
                replicate: detail.replicate, released: detail.released)))
            return
        }
        let rules = store.rules
        var header = "Case \(TerminalSafe.text(detail.caseID))   status: \(detail.status.rawValue)"
        if let final = detail.finalDisposition { header += "   final: \(final)" }
        if let interim = detail.interimDisposition { header += "   interim: \(interim)" }
        print(header)
        if let replicate = detail.replicate {
            print("Replicate: \(replicate) (\(detail.released ? "released" : "not released: never offered until `cases release --replicate \(replicate)`"))")
        }
        if let rule = detail.finalRule { print("Final code by: \(TerminalSafe.text(rule))") }
        if let next = detail.nextCallableAt { print("Next callable: \(CasesOutput.local(next, rules)) \(rules.timeZoneID)") }
        if detail.withheldByQuota { print("Withheld: its quota cell is full") }
        if let holder = detail.leaseHolder, let expires = detail.leaseExpiresAt {
            if expires <= now {
                print("Lease to \(TerminalSafe.text(holder)) expired at \(CasesOutput.local(expires, rules)) (the case is back in the pool)")
            } else {
                print("Leased to \(TerminalSafe.text(holder)) until \(CasesOutput.local(expires, rules))")
            }
        }
        print("Eligibility confirmed: \(detail.everEligible ? "yes" : "no")")
        print("Imported \(CasesOutput.local(detail.importedAt, rules)) from \(TerminalSafe.text(detail.importSource))")
        print("Fields:")
        for key in detail.fields.keys.sorted() {
            print("  \(TerminalSafe.text(key)): \(TerminalSafe.text(detail.fields[key] ?? ""))")
        }
        if !detail.preload.isEmpty {
            print("Preload (preload.NAME):")
            for key in detail.preload.keys.sorted() {
                print("  \(TerminalSafe.text(key)): \(TerminalSafe.text(detail.preload[key] ?? ""))")
            }
        }
        print("Attempts:")
        if detail.attempts.isEmpty { print("  (none)") }
        for a in detail.attempts {
            var line = "  \(a.number). \(CasesOutput.local(a.at, rules)) (\(a.partOfDay.rawValue))  \(TerminalSafe.text(a.interviewer))  \(a.outcome.label) → \(a.resultingStatus.rawValue)"
            if let final = a.finalDisposition { line += " [\(final.code)]" }
            if let rule = a.dispositionRule { line += "  rule: \(TerminalSafe.text(rule))" }
            if !a.note.isEmpty { line += "  note: \(TerminalSafe.text(a.note))" }
            print(line)
        }
        for f in detail.finalisations {
            print("  -. \(CasesOutput.local(f.at, rules))  \(TerminalSafe.text(f.finalisedBy))  no call → \(f.disposition.code) \(f.disposition.label)  rule: \(TerminalSafe.text(f.rule))")
        }
        print("Appointments:")
        if detail.appointments.isEmpty { print("  (none)") }
        for s in detail.appointments {
            let appointment = s.appointment
            var when = "\(appointment.start.description.replacingOccurrences(of: "T", with: " ")) \(appointment.timeZoneID)"
            if let end = appointment.end { when += " to \(end.description.replacingOccurrences(of: "T", with: " "))" }
            print("  \(appointment.kind.rawValue) \(when)  set by \(TerminalSafe.text(s.setBy)) at \(CasesOutput.local(s.setAt, rules))\(s.active ? "  (active)" : "")")
        }
        print("Audit trail:")
        if detail.audit.isEmpty { print("  (none)") }
        for e in detail.audit {
            print("  \(CasesOutput.local(e.at, rules))  \(TerminalSafe.text(e.by))  \(e.action.rawValue): \(TerminalSafe.text(e.before)) → \(TerminalSafe.text(e.after))  reason: \(TerminalSafe.text(e.reason))")
        }
    }
}
