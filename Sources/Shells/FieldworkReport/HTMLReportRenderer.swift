/// The report as one self-contained HTML page: inline CSS, charts as inline SVG drawn here, no
/// script, and no font, image or style fetched from anywhere. Every chart has its figures written
/// beside its bars and a table with the same numbers, so nothing depends on colour and it prints
/// in black and white.
struct HTMLReportRenderer {
    let report: SurveyReport

    static let style = """
    body{font-family:Helvetica,Arial,sans-serif;font-size:11pt;line-height:1.4;color:#000;background:#fff;max-width:60em;margin:2em auto;padding:0 1em}
    h1{font-size:20pt;margin:0 0 .3em}
    h2{font-size:15pt;border-bottom:2pt solid #000;padding-bottom:.2em;margin-top:1.6em}
    h3{font-size:11.5pt;margin:1.2em 0 .3em}
    h3 code,td code{font-family:"Courier New",monospace;font-weight:normal}
    .summary{font-size:10pt}
    .note{border:1.5pt solid #000;padding:.4em .8em;margin:.5em 0;font-weight:bold}
    table{border-collapse:collapse;margin:.4em 0;font-size:10pt}
    th,td{border:1pt solid #000;padding:.15em .5em;text-align:left;vertical-align:top}
    th{background:#eee}
    td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
    .na{font-style:italic}
    svg.chart{display:block;margin:.4em 0;max-width:100%;height:auto;font-family:Helvetica,Arial,sans-serif;font-size:11px}
    .topline{break-inside:avoid;page-break-inside:avoid}
    @page{margin:14mm}
    @media print{
    body{max-width:none;margin:0;padding:0;font-size:10pt}
    h2{break-after:avoid;page-break-after:avoid}
    section.part{break-before:page;page-break-before:always}
    section.part:first-of-type{break-before:auto;page-break-before:auto}
    th{background:none}
    rect{fill:#555}
    table,svg.chart{break-inside:avoid;page-break-inside:avoid}
    }
    """

    func render() -> String {
        let r = report
        var out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        out += "<title>\(e(r.title)) \u{2014} fieldwork report</title>\n<style>\n\(Self.style)\n</style>\n</head><body>\n"
        out += "<header><h1>\(e(r.title)) \u{2014} fieldwork report</h1>\n"
        out += "<p class=\"summary\">Questionnaire <code>\(e(r.questionnaireID))</code> version \(e(r.version)). Report made at \(e(r.generatedAt)); "
            + "days and hours are counted in \(e(r.timeZone)). n/a marks a figure whose denominator is zero.</p>\n"
        for note in r.notes { out += "<p class=\"note\">Note: \(e(note))</p>\n" }
        out += "</header>\n"
        out += progress() + aapor() + lengths() + quotas() + toplines()
        return out + "</body></html>\n"
    }

    func progress() -> String {
        let p = report.progress
        var out = "<section class=\"part\" id=\"progress\"><h2>Progress</h2>\n"
        out += "<table><tr><th>status</th><th class=\"n\">cases</th></tr>\n"
        for s in p.byStatus { out += "<tr><td>\(e(s.status))</td><td class=\"n\">\(s.count)</td></tr>\n" }
        out += "<tr><th>all cases</th><th class=\"n\">\(p.totalCases)</th></tr></table>\n"
        out += "<p>Completes: <b>\(p.completes)</b>. Calls: \(p.calls) in \(p.hoursWithCalls) interviewer-hour(s) with calls: "
            + "<b>\(figure(DecimalFigure.fixed(p.callsPerHour, 2)))</b> calls per hour. Contact rate (CON1): <b>\(figure(DecimalFigure.sharePercent(p.contactRate)))</b>.</p>\n"
        out += "<p class=\"summary\">Calls per hour: \(e(p.callsPerHourDefinition)). Contact rate: \(e(p.contactRateDefinition)).</p>\n"
        out += "<h3>Completes per day</h3>\n"
        if p.completesByDay.isEmpty {
            out += "<p class=\"na\">No completes yet.</p>\n"
        } else {
            out += SVGBarChart(title: "Completes per day", bars: p.completesByDay.map { .init(label: $0.day, value: Double($0.completes), figure: String($0.completes)) },
                               scaleMaximum: nil).render()
            out += "<table><tr><th>day</th><th class=\"n\">completes</th></tr>\n"
            for d in p.completesByDay { out += "<tr><td>\(e(d.day))</td><td class=\"n\">\(d.completes)</td></tr>\n" }
            out += "</table>\n"
        }
        out += "<h3>Interviewers</h3>\n"
        if p.byInterviewer.isEmpty {
            out += "<p class=\"na\">No calls yet.</p>\n"
        } else {
            out += "<table><tr><th>interviewer</th><th class=\"n\">calls</th><th class=\"n\">hours with calls</th><th class=\"n\">calls per hour</th><th class=\"n\">completes</th></tr>\n"
            for i in p.byInterviewer {
                out += "<tr><td>\(e(i.interviewer))</td><td class=\"n\">\(i.calls)</td><td class=\"n\">\(i.hoursWithCalls)</td>"
                    + "<td class=\"n\">\(figure(DecimalFigure.fixed(i.callsPerHour, 2)))</td><td class=\"n\">\(i.completes)</td></tr>\n"
            }
            out += "</table>\n"
        }
        return out + "</section>\n"
    }

    func aapor() -> String {
        let a = report.aapor
        var out = "<section class=\"part\" id=\"aapor\"><h2>AAPOR dispositions and rates</h2>\n<p>From \(e(a.basis)).</p>\n"
        if a.dispositions.isEmpty {
            out += "<p class=\"na\">No cases.</p>\n"
        } else {
            out += "<table><tr><th>code</th><th>label</th><th>group</th><th>kind</th><th class=\"n\">cases</th></tr>\n"
            for d in a.dispositions {
                out += "<tr><td>\(e(d.code))</td><td>\(e(d.label))</td><td>\(e(d.group ?? "-"))</td><td>\(e(d.kind))</td><td class=\"n\">\(d.count)</td></tr>\n"
            }
            out += "</table>\n"
        }
        let groups = ["I", "P", "R", "NC", "O", "UH", "UO", "NE"]
        out += "<table><tr>" + groups.map { "<th class=\"n\">\($0)</th>" }.joined() + "</tr><tr>"
            + groups.map { "<td class=\"n\">\(a.counts[$0] ?? 0)</td>" }.joined() + "</tr></table>\n"
        out += "<p>e = <b>\(figure(DecimalFigure.fixed(a.e, 4)))</b> (\(e(a.eMethod))).</p>\n"
        out += "<table><tr><th>rate</th><th>formula</th><th class=\"n\">value</th></tr>\n"
        for rate in a.rates {
            out += "<tr><td>\(e(rate.name))</td><td><code>\(e(rate.formula))</code></td><td class=\"n\">\(figure(DecimalFigure.fixed(rate.value, 4)))</td></tr>\n"
        }
        return out + "</table>\n</section>\n"
    }

    func lengths() -> String {
        let l = report.lengths
        var out = "<section class=\"part\" id=\"lengths\"><h2>Interview length</h2>\n"
        out += "<p>\(l.interviews) completed interview(s) with a known length. Median <b>\(figure(DecimalFigure.fixed(l.medianMinutes, 1)))</b> min, "
            + "90th percentile <b>\(figure(DecimalFigure.fixed(l.p90Minutes, 1)))</b> min, against a target of \(e(DecimalFigure.text(l.targetMinutes))) min; "
            + "\(figure(DecimalFigure.sharePercent(l.shareOverTarget))) over the target. Percentiles: \(e(l.percentileMethod)).</p>\n"
        if !l.byInterviewer.isEmpty {
            out += "<table><tr><th>interviewer</th><th class=\"n\">interviews</th><th class=\"n\">median (min)</th><th class=\"n\">90th percentile (min)</th><th class=\"n\">very short</th></tr>\n"
            for i in l.byInterviewer {
                out += "<tr><td>\(e(i.interviewer))</td><td class=\"n\">\(i.interviews)</td><td class=\"n\">\(figure(DecimalFigure.fixed(i.medianMinutes, 1)))</td>"
                    + "<td class=\"n\">\(figure(DecimalFigure.fixed(i.p90Minutes, 1)))</td><td class=\"n\">\(i.shortInterviews)</td></tr>\n"
            }
            out += "</table>\n"
        }
        out += "<h3>Very short interviews: listen back</h3>\n<p>Flagged when \(e(l.shortRule))"
            + (l.shortThresholdMinutes.map { " (under \(DecimalFigure.fixed($0, 1)) min)" } ?? "") + ".</p>\n"
        if l.shortInterviews.isEmpty {
            out += "<p class=\"na\">None.</p>\n"
        } else {
            out += "<table><tr><th>case</th><th>interviewer</th><th class=\"n\">minutes</th></tr>\n"
            for s in l.shortInterviews {
                out += "<tr><td><code>\(e(s.caseID))</code></td><td>\(e(s.interviewer))</td><td class=\"n\">\(DecimalFigure.fixed(s.minutes, 1))</td></tr>\n"
            }
            out += "</table>\n"
        }
        return out + "</section>\n"
    }

    func quotas() -> String {
        guard !report.quotas.isEmpty else { return "" }
        var out = "<section class=\"part\" id=\"quotas\"><h2>Quota cells</h2>\n"
        out += "<table><tr><th>rule</th><th>cell</th><th class=\"n\">target</th><th class=\"n\">achieved</th><th class=\"n\">remaining</th></tr>\n"
        for q in report.quotas {
            out += "<tr><td>\(e(q.rule))</td><td>\(e(q.cell))</td><td class=\"n\">\(q.target.map(String.init) ?? "none")</td>"
                + "<td class=\"n\">\(q.achieved)</td><td class=\"n\">\(q.remaining.map(String.init) ?? "-")</td></tr>\n"
        }
        return out + "</table>\n</section>\n"
    }

    func toplines() -> String {
        let t = report.toplines
        var out = "<section class=\"part\" id=\"toplines\"><h2>Toplines</h2>\n"
        out += "<p>\(t.completes) completed interview(s), \(e(t.weighting)). Percentages are of the interviews asked each question "
            + "(its base, which counts don't know and refused); a multiple choice's options can add up to more than 100 %.</p>\n"
        if t.completes == 0 { out += "<p class=\"na\">No completed interviews yet.</p>\n" }
        for q in t.questions where t.completes > 0 {
            out += "<div class=\"topline\"><h3><code>\(e(q.variable))</code> \(e(q.label))</h3>\n"
            out += "<p class=\"summary\">\(e(q.kind.rawValue)); base \(q.base) (unweighted)"
                + (q.weightedBase.map { ", weighted base \(DecimalFigure.fixed($0, 1))" } ?? "") + "</p>\n"
            let shown = q.rows + [q.dontKnow, q.refused].filter { $0.count > 0 }
            if q.kind != .number && q.base > 0 {
                out += SVGBarChart(title: q.label, bars: shown.map {
                    let value = t.weighted ? ($0.weightedPercent ?? 0) : ($0.percent ?? 0)
                    return .init(label: $0.label, value: value, figure: DecimalFigure.percent(value))
                }, scaleMaximum: 100).render()
            }
            if !shown.isEmpty {
                out += "<table><tr><th>answer</th><th class=\"n\">count</th><th class=\"n\">%</th>" + (t.weighted ? "<th class=\"n\">weighted %</th>" : "") + "</tr>\n"
                for row in shown {
                    let code = row.code.map { " <code>(\(e(DecimalFigure.text($0))))</code>" } ?? ""
                    out += "<tr><td>\(e(row.label))\(code)</td><td class=\"n\">\(row.count)</td><td class=\"n\">\(figure(DecimalFigure.percent(row.percent)))</td>"
                        + (t.weighted ? "<td class=\"n\">\(figure(DecimalFigure.percent(row.weightedPercent)))</td>" : "") + "</tr>\n"
                }
                out += "</table>\n"
            }
            if let n = q.numbers {
                out += "<table><tr><th class=\"n\">answered</th><th class=\"n\">mean</th><th class=\"n\">median</th><th class=\"n\">min</th><th class=\"n\">max</th>"
                    + (t.weighted ? "<th class=\"n\">weighted mean</th>" : "") + "</tr>\n<tr><td class=\"n\">\(n.answered)</td>"
                    + [n.mean, n.median, n.minimum, n.maximum].map { "<td class=\"n\">\(figure(DecimalFigure.fixed($0, 2)))</td>" }.joined()
                    + (t.weighted ? "<td class=\"n\">\(figure(DecimalFigure.fixed(n.weightedMean, 2)))</td>" : "") + "</tr></table>\n"
            }
            out += "</div>\n"
        }
        return out + "</section>\n"
    }

    func e(_ text: String) -> String { HTMLText.escape(text) }

    /// A figure, with n/a in italics so it reads as "not available" without colour.
    func figure(_ text: String) -> String { text == "n/a" ? "<span class=\"na\">n/a</span>" : e(text) }
}
