import FieldworkBasics
import FieldworkScreen

/// The report as compact tables for the terminal. Text from samples and designers goes through
/// `TerminalSafe.text` so it cannot move the cursor or retitle the window.
struct TextReportRenderer {
    let report: SurveyReport

    func render() -> String {
        var lines: [String] = []
        let r = report
        lines.append("\(safe(r.title)) (\(safe(r.questionnaireID)) version \(safe(r.version))): fieldwork report at \(r.generatedAt), days in \(r.timeZone)")
        for note in r.notes { lines.append("NOTE: \(safe(note))") }

        lines.append("")
        lines.append("PROGRESS")
        lines.append("  cases \(r.progress.totalCases); " + r.progress.byStatus.map { "\($0.status) \($0.count)" }.joined(separator: ", "))
        lines.append("  completes \(r.progress.completes); calls \(r.progress.calls); hours with calls \(r.progress.hoursWithCalls); "
                     + "calls per hour \(DecimalFigure.fixed(r.progress.callsPerHour, 2)); contact rate (CON1) \(DecimalFigure.sharePercent(r.progress.contactRate))")
        if !r.progress.completesByDay.isEmpty {
            lines.append("  completes per day:")
            for d in r.progress.completesByDay { lines.append("    \(d.day)  \(pad(String(d.completes), 6, right: true))") }
        }
        if !r.progress.byInterviewer.isEmpty {
            lines.append("  " + pad("interviewer", 20) + pad("calls", 7, right: true) + pad("hours", 7, right: true)
                         + pad("calls/h", 9, right: true) + pad("completes", 11, right: true))
            for i in r.progress.byInterviewer {
                lines.append("  " + pad(safe(i.interviewer), 20) + pad(String(i.calls), 7, right: true) + pad(String(i.hoursWithCalls), 7, right: true)
                             + pad(DecimalFigure.fixed(i.callsPerHour, 2), 9, right: true) + pad(String(i.completes), 11, right: true))
            }
        }

        lines.append("")
        lines.append("AAPOR DISPOSITIONS (from \(r.aapor.basis))")
        if r.aapor.dispositions.isEmpty { lines.append("  (no cases)") }
        for d in r.aapor.dispositions {
            lines.append("  " + pad(d.code, 7) + pad(d.label, 58) + pad(d.group ?? "-", 4) + pad(d.kind, 8) + pad(String(d.count), 7, right: true))
        }
        lines.append("  " + ["I", "P", "R", "NC", "O", "UH", "UO", "NE"].map { "\($0) \(r.aapor.counts[$0] ?? 0)" }.joined(separator: "  ")
                     + (r.aapor.unclassified > 0 ? "  unclassified \(r.aapor.unclassified)" : ""))
        lines.append("  e = \(DecimalFigure.fixed(r.aapor.e, 4)) (\(r.aapor.eMethod))")
        for rate in r.aapor.rates {
            lines.append("  " + pad(rate.name, 6) + pad(rate.formula, 30) + DecimalFigure.fixed(rate.value, 4))
        }

        lines.append("")
        let l = r.lengths
        lines.append("INTERVIEW LENGTH (completed interviews, minutes; target \(DecimalFigure.text(l.targetMinutes)))")
        lines.append("  interviews \(l.interviews); median \(DecimalFigure.fixed(l.medianMinutes, 1)); 90th percentile \(DecimalFigure.fixed(l.p90Minutes, 1)); "
                     + "over target \(DecimalFigure.sharePercent(l.shareOverTarget))")
        if !l.byInterviewer.isEmpty {
            lines.append("  " + pad("interviewer", 20) + pad("n", 6, right: true) + pad("median", 8, right: true) + pad("p90", 8, right: true)
                         + pad("short", 7, right: true))
            for i in l.byInterviewer {
                lines.append("  " + pad(safe(i.interviewer), 20) + pad(String(i.interviews), 6, right: true)
                             + pad(DecimalFigure.fixed(i.medianMinutes, 1), 8, right: true) + pad(DecimalFigure.fixed(i.p90Minutes, 1), 8, right: true)
                             + pad(String(i.shortInterviews), 7, right: true))
            }
        }
        lines.append("  very short (\(l.shortRule), under \(DecimalFigure.fixed(l.shortThresholdMinutes, 1)) min), listen back: "
                     + (l.shortInterviews.isEmpty ? "none"
                        : l.shortInterviews.map { "\(safe($0.caseID)) (\(safe($0.interviewer)), \(DecimalFigure.fixed($0.minutes, 1)) min)" }.joined(separator: ", ")))

        if !r.quotas.isEmpty {
            lines.append("")
            lines.append("QUOTA CELLS")
            lines.append("  " + pad("rule", 20) + pad("cell", 24) + pad("target", 8, right: true) + pad("achieved", 10, right: true) + pad("remaining", 11, right: true))
            for q in r.quotas {
                lines.append("  " + pad(safe(q.rule), 20) + pad(safe(q.cell), 24) + pad(q.target.map(String.init) ?? "-", 8, right: true)
                             + pad(String(q.achieved), 10, right: true) + pad(q.remaining.map(String.init) ?? "-", 11, right: true))
            }
        }

        lines.append("")
        let t = r.toplines
        lines.append("TOPLINES (\(t.completes) completed interview(s); \(t.weighting); percentages of those asked)")
        for q in t.questions {
            lines.append("  \(safe(q.variable)) [\(q.kind.rawValue)] \(safe(q.label))  base \(q.base)"
                         + (q.weightedBase.map { " (weighted \(DecimalFigure.fixed($0, 1)))" } ?? ""))
            for row in q.rows + [q.dontKnow, q.refused] where !(row.count == 0 && (row.label == "Don't know" || row.label == "Refused")) {
                var line = "    " + pad(safe(row.label), 44) + pad(String(row.count), 7, right: true) + pad(DecimalFigure.percent(row.percent), 8, right: true)
                if t.weighted { line += "  weighted " + DecimalFigure.percent(row.weightedPercent) }
                lines.append(line)
            }
            if let n = q.numbers {
                var line = "    answered \(n.answered); mean \(DecimalFigure.fixed(n.mean, 2)); median \(DecimalFigure.fixed(n.median, 2)); "
                    + "min \(DecimalFigure.fixed(n.minimum, 2)); max \(DecimalFigure.fixed(n.maximum, 2))"
                if t.weighted { line += "; weighted mean \(DecimalFigure.fixed(n.weightedMean, 2))" }
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func safe(_ text: String) -> String { TerminalSafe.text(text) }

    func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        let shown = text.count > width - 1 ? String(text.prefix(max(1, width - 2))) + "…" : text
        let fill = String(repeating: " ", count: max(0, width - shown.count))
        return right ? fill + shown : shown + fill
    }
}
