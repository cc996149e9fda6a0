import FieldworkBasics
import FieldworkCases
import FieldworkScreen
import Foundation

/// Turns a lease and the case's stored record into what the case screen shows: times in the
/// survey's zone, outcomes as labels, the sample's usual field names picked out.
public enum SessionCaseViewBuilder {
    /// Sample columns read as the number to dial, the business and the contact, first present wins.
    static let phoneFields = ["phone", "telephone", "tel"]
    static let nameFields = ["business_name", "name", "company"]
    static let contactFields = ["contact_name", "contact", "named_contact"]
    /// Further details shown, in order, with their labels.
    static let detailFields: [(field: String, label: String)] = [
        ("sector", "Sector"), ("size_band", "Size"), ("employees", "Employees"), ("size", "Size"), ("borough", "Borough"),
    ]

    public static func view(lease: CaseLease, detail: CaseDetail?, rules: SchedulingRules) -> SessionCaseView {
        let fields = lease.fields
        func first(_ names: [String]) -> String { names.lazy.compactMap { fields[$0] }.first { !$0.isEmpty } ?? "" }
        let details = detailFields.compactMap { entry -> SessionDetail? in
            guard let value = fields[entry.field], !value.isEmpty else { return nil }
            return SessionDetail(entry.label, value)
        }
        let history = (detail?.attempts ?? []).map {
            SessionHistoryEntry(at: local($0.at, rules), interviewer: $0.interviewer, outcome: $0.outcome.label, note: $0.note)
        }
        let active = detail?.appointments.last { $0.active }
        let appointmentLine = active.map { stored in
            "\(describe(stored.appointment)) (\(stored.appointment.kind.rawValue)), booked by \(stored.setBy)"
        } ?? lease.appointment.map { "\(describe($0)) (\($0.kind.rawValue))" }
        return SessionCaseView(
            caseID: lease.caseID, phone: first(phoneFields), businessName: first(nameFields),
            contactName: first(contactFields), details: details,
            reason: reason(lease, lastOutcome: detail?.attempts.last?.outcome),
            isAppointment: lease.reason == .hardAppointment || lease.reason == .softAppointment,
            appointment: appointmentLine, history: history)
    }

    /// Why the case is up now, in the words an interviewer opens the call with.
    static func reason(_ lease: CaseLease, lastOutcome: CallOutcome?) -> String {
        let call = "call \(lease.attempts + 1)"
        switch lease.reason {
        case .hardAppointment:
            let when = lease.appointment.map { " for \(describe($0))" } ?? ""
            return "HARD APPOINTMENT due\(when): the respondent expects this call (\(call))"
        case .softAppointment:
            let when = lease.appointment.map { " from \(describe($0))" } ?? ""
            return "Soft appointment, window open\(when) (\(call))"
        case .fresh:
            return "Fresh case: never called before (\(call))"
        case .retry:
            let last = lastOutcome.map { "; last: \($0.label)" } ?? ""
            return "Retry (\(call)\(last))"
        }
    }

    /// "2026-12-01 10:00", or a window "2026-12-01 10:00–12:00".
    static func describe(_ appointment: Appointment) -> String {
        let start = appointment.start.displayText
        guard let end = appointment.end else { return start }
        return start + "–" + end.displayText
    }

    /// `YYYY-MM-DD HH:MM` in the survey's zone.
    public static func local(_ date: Date, _ rules: SchedulingRules) -> String {
        rules.local(date).displayText
    }

    /// `HH:MM` in the survey's zone.
    public static func clock(_ date: Date, _ rules: SchedulingRules) -> String {
        String(local(date, rules).suffix(5))
    }
}
