import FieldworkBasics
import FieldworkCases
import FieldworkScreen
import Foundation

/// The supervisor's console as text: a frame from a `SupervisorSnapshot`, no terminal or store, so
/// tests can read what the supervisor would see.
public enum SupervisorConsoleScreen {
    /// `12m 05s`, `1h 02m`, or `45s`.
    public static func duration(_ seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return "-" }
        let s = Int(seconds.rounded())
        if s >= 3600 { return "\(s / 3600)h \(DecimalText.zeroPadded((s % 3600) / 60, width: 2))m" }
        if s >= 60 { return "\(s / 60)m \(DecimalText.zeroPadded(s % 60, width: 2))s" }
        return "\(s)s"
    }

    /// A share as a percentage with one decimal, or n/a.
    public static func percent(_ value: Double?) -> String {
        guard let value else { return "n/a" }
        return DecimalText.percent(value * 100)
    }

    /// The console's lines, top to bottom (without the title and key bars).
    public static func lines(_ s: SupervisorSnapshot, rules: SchedulingRules) -> [String] {
        func pad(_ text: String, _ width: Int) -> String {
            let clipped = TextLayout.clip(TerminalSafe.text(text), width: width)
            return TextLayout.pad(clipped, toWidth: width)
        }
        func local(_ date: Date) -> String { rules.local(date).timeText }
        var out: [String] = []
        out.append("Today: calls \(s.callsToday) · contacts \(s.contactsToday) · refusals \(s.refusalsToday) · completes \(s.completesToday)"
            + " · response rate (RR1) \(percent(s.todayResponseRate)) · contact rate (CON1) \(percent(s.todayContactRate))")
        out.append("Interview length: median today \(duration(s.medianInterviewSeconds))")
        out.append("")
        out.append(pad("Interviewer", 12) + " " + pad("State", 13) + " " + pad("In state", 9) + " " + pad("Case", 12) + " "
            + pad("Calls/h", 7) + " " + pad("Calls", 5) + " " + pad("Cont", 4) + " " + pad("Ref", 3) + " " + pad("Comp", 4) + " "
            + pad("Interview", 9) + " " + "Median")
        if s.interviewers.isEmpty { out.append("  (no interviewer has signed in today)") }
        for i in s.interviewers {
            out.append(pad(i.name, 12) + " " + pad(i.state.label, 13) + " " + pad(duration(i.secondsInState), 9) + " "
                + pad(i.caseID ?? "-", 12) + " " + pad(i.callsPerHour.map { DecimalText.fixed($0, places: 1) } ?? "-", 7) + " "
                + pad(String(i.callsToday), 5) + " " + pad(String(i.contactsToday), 4) + " " + pad(String(i.refusalsToday), 3) + " "
                + pad(String(i.completesToday), 4) + " " + pad(duration(i.currentInterviewSeconds), 9) + " "
                + duration(i.medianInterviewSeconds))
        }
        out.append("")
        out.append("Appointments: \(s.appointmentsNextHour.count) due in the next hour · \(s.appointmentsOverdue.count) overdue")
        for a in s.appointmentsOverdue.prefix(5) {
            out.append("  OVERDUE \(pad(a.caseID, 12)) \(local(a.at)) \(a.kind.rawValue) booked by \(TerminalSafe.text(a.bookedBy))")
        }
        for a in s.appointmentsNextHour.prefix(5) {
            out.append("  due     \(pad(a.caseID, 12)) \(local(a.at)) \(a.kind.rawValue) booked by \(TerminalSafe.text(a.bookedBy))"
                + (a.heldBy.map { " · held by \(TerminalSafe.text($0))" } ?? ""))
        }
        if !s.quotaCells.isEmpty {
            out.append("")
            out.append("Quota fill (completes / target):")
            for q in s.quotaCells {
                let share = q.target.flatMap { $0 > 0 ? Double(q.completes) / Double($0) : nil }
                out.append("  \(pad(q.rule, 12)) \(pad(q.cell, 24)) \(q.completes) / \(q.target.map(String.init) ?? "-")"
                    + (share.map { "  \(percent($0))" } ?? ""))
            }
        }
        return out
    }

    /// The whole frame: title bar, the lines, the key bar.
    public static func compose(_ s: SupervisorSnapshot, rules: SchedulingRules, refreshSeconds: Int, problem: String?,
                               size: ScreenSize) -> ScreenFrame {
        let width = max(1, size.width)
        var builder = FrameBuilder(size: size, reservedBottomRows: 1)
        builder.line([Span(FrameBuilder.barText(" Fieldwork supervisor console (read-only)",
                                                right: rules.local(s.at).displayText + " ",
                                                width: width), .reverse)])
        if let problem { builder.paragraph(problem, style: .alert) }
        for line in lines(s, rules: rules) { builder.line(TextLayout.clip(line, width: width), .normal) }
        builder.footer(" q quit · r refresh now · refreshes every \(refreshSeconds) s")
        return builder.build()
    }
}
